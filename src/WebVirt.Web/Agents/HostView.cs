using WebVirt.Contracts;

namespace WebVirt.Web.Agents;

/// <summary>What the console currently knows of one configured host.</summary>
/// <param name="HostId">The configured host id.</param>
/// <param name="Name">The configured display name.</param>
/// <param name="Link">The state of the SignalR connection to the agent.</param>
/// <param name="Error">Why the agent cannot be reached, when it cannot.</param>
/// <param name="Info">The agent's last report, or null before the first one.</param>
/// <param name="LinkFailure">Why the agent was refused, when the console knows it in words of its own (a changed certificate).</param>
public sealed record HostView(string HostId, string Name, AgentLinkState Link, string? Error, HostInfo? Info, Failure? LinkFailure = null)
{
    public string DisplayName => Info?.Hostname is { Length: > 0 } hostname ? hostname : Name;
}
