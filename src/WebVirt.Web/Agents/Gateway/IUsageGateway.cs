using WebVirt.Contracts;

namespace WebVirt.Web.Agents.Gateway;

/// <summary>Stored usage history of a guest or a host: <c>IAgentHub.Usage</c>. Live samples come with the agents' pushes.</summary>
public interface IUsageGateway
{
    Task<GuestUsageSeries> GetGuestUsageAsync(string hostId, string uuid, UsageRange range, CancellationToken cancellationToken = default);

    Task<HostUsageSeries> GetHostUsageAsync(string hostId, UsageRange range, CancellationToken cancellationToken = default);
}
