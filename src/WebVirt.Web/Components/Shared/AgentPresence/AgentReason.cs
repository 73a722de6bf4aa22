using WebVirt.Web.Formatting;
using Microsoft.Extensions.Localization;
using WebVirt.Web.Agents;
using WebVirt.Web.Resources;

namespace WebVirt.Web.Components.Shared;

/// <summary>Why an action that needs a host's agent is disabled: the one wording every page uses.</summary>
public static class AgentReason
{
    /// <summary>The reason while the host's agent is away, or null while it is connected.</summary>
    public static string? For(AgentPresence? presence, string? hostId, IStringLocalizer<FaultResource> texts) =>
        presence?.AwaySince(hostId) is { } since ? texts["Agent.Reason", Moments.Local(since)].Value : null;
}
