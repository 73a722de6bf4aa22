using Microsoft.Extensions.Localization;
using WebVirt.Contracts;
using WebVirt.Web.Resources;

namespace WebVirt.Web.Services;

/// <summary>
/// Chooses what to tell the user they can do about a failed command, in their language. Advice for
/// libvirt's errors is named by the agent (<see cref="ActionResult.HintKey"/>); advice for the
/// console's own failures (agent unreachable, timeout, role) is named here.
/// </summary>
public static class ActionHints
{
    private static readonly Dictionary<string, string> ConsoleHints = new(StringComparer.Ordinal)
    {
        [ErrorCodes.AgentUnavailable] = HintKeys.AgentUnavailable,
        [ErrorCodes.Timeout] = HintKeys.Timeout,
        [ErrorCodes.Forbidden] = HintKeys.Forbidden,
        [ErrorCodes.UnknownHost] = HintKeys.AgentUnavailable,
    };

    /// <summary>The resource key for the hint, or null when nothing helpful is known.</summary>
    public static string? KeyFor(ActionResult result, IStringLocalizer<SharedResource> text)
    {
        if (result.HintKey is { Length: > 0 } agentKey && !text[agentKey].ResourceNotFound)
        {
            return agentKey;
        }

        return result.ErrorCode is not null && ConsoleHints.TryGetValue(result.ErrorCode, out var key) ? key : null;
    }

    public static string? HintFor(ActionResult result, IStringLocalizer<SharedResource> text) =>
        KeyFor(result, text) is { } key ? text[key].Value : null;
}
