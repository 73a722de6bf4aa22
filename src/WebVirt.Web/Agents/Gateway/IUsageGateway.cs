using WebVirt.Contracts;

namespace WebVirt.Web.Agents.Gateway;

/// <summary>Stored usage history of a guest or a host, which the web keeps from the agents' pushes (live samples come with the pushes too).</summary>
public interface IUsageGateway
{
    Task<GuestUsageSeries> GetGuestUsageAsync(string hostId, string uuid, UsageRange range, CancellationToken cancellationToken = default);

    Task<HostUsageSeries> GetHostUsageAsync(string hostId, UsageRange range, CancellationToken cancellationToken = default);
}
