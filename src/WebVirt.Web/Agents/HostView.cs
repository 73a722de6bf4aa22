using WebVirt.Contracts;

namespace WebVirt.Web.Agents;

/// <summary>What the console currently knows of one configured host.</summary>
/// <param name="HostId">The configured host id.</param>
/// <param name="Name">The configured display name.</param>
/// <param name="Link">The state of the SignalR connection to the agent.</param>
/// <param name="Error">Why the agent cannot be reached, when it cannot.</param>
/// <param name="Info">The agent's last report, or null before the first one.</param>
/// <param name="LinkFailure">Why the agent was refused, when the console knows it in words of its own (a changed certificate).</param>
/// <param name="NameShared">Another host of the console goes by the same name (<see cref="HostNaming"/>).</param>
public sealed record HostView(string HostId, string Name, AgentLinkState Link, string? Error, HostInfo? Info, Failure? LinkFailure = null, bool NameShared = false)
{
    /// <summary>The host's name, told apart by its id where another host has the same (cloned hosts, or several named "localhost").</summary>
    public string DisplayName => NameShared ? $"{OwnName} ({HostId})" : OwnName;

    /// <summary>The host's own name: its hostname once the agent told it, the configured name until then.</summary>
    internal string OwnName => Info?.Hostname is { Length: > 0 } hostname ? hostname : Name;
}
