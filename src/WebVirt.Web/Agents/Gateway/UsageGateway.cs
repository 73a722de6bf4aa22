using WebVirt.Contracts;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Agents.Gateway;

/// <inheritdoc />
public sealed class UsageGateway(AgentCallPipeline pipeline) : IUsageGateway
{
    public Task<GuestUsageSeries> GetGuestUsageAsync(string hostId, string uuid, UsageRange range, CancellationToken cancellationToken = default) =>
        pipeline.ReadAsync(RightsTarget.Guest(hostId, uuid), Permission.ViewInventory, call => call.Hub.GetGuestUsage(uuid, range), cancellationToken);

    public Task<HostUsageSeries> GetHostUsageAsync(string hostId, UsageRange range, CancellationToken cancellationToken = default) =>
        pipeline.ReadAsync(hostId, Permission.ViewInventory, call => call.Hub.GetHostUsage(range), cancellationToken);
}
