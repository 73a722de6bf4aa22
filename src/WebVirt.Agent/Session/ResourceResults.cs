using WebVirt.Contracts;

namespace WebVirt.Agent.Session;

/// <summary>Refusals of pool, volume and network commands that no validator words: codes of <see cref="ErrorCodes"/> naming the guests in the way.</summary>
internal static class ResourceResults
{
    /// <summary>Refused because running guests use <paramref name="what"/>; <paramref name="code"/> says how.</summary>
    public static ActionResult InUseBy(string code, string what, IEnumerable<string> guests) =>
        ActionResult.Fail(code, what, string.Join(", ", guests.Order(StringComparer.Ordinal)));
}
