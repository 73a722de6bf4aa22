using WebVirt.Contracts;

namespace WebVirt.Web.Agents;

/// <summary>The live usage samples the agents push, for the guest and host graphs.</summary>
public sealed partial class AgentConnections
{
    /// <summary>Raised (on a background thread) with the host id after each usage push from its agent.</summary>
    public event Action<string>? UsageSampled;

    /// <summary>Raised (on a background thread) with each usage push, under the host id of the connection it came on.</summary>
    public event Action<Records.UsageReport>? UsageReported;

    /// <summary>The host as its agent last reported it; null for an unknown host or before its agent answered.</summary>
    public HostInfo? HostOf(string hostId) =>
        _connections.TryGetValue(hostId, out var connection) ? connection.View.Info : null;

    /// <summary>The host's latest pushed samples, oldest first; empty for an unknown host or before the first push.</summary>
    public IReadOnlyList<HostUsageSample> HostUsage(string hostId) =>
        _connections.TryGetValue(hostId, out var connection) ? connection.HostUsage : [];

    /// <summary>The guest's latest pushed samples, oldest first.</summary>
    public IReadOnlyList<GuestUsageSample> GuestUsage(string hostId, string uuid) =>
        _connections.TryGetValue(hostId, out var connection) ? connection.GuestUsage(uuid) : [];

    private void OnUsageSampled(string hostId) => UsageSampled?.Invoke(hostId);

    private void OnUsageReported(Records.UsageReport report) => UsageReported?.Invoke(report);
}
