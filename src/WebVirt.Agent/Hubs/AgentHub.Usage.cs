using WebVirt.Contracts;

namespace WebVirt.Agent.Hubs;

// PLACEHOLDER: replaced by the Usage feature.
internal sealed partial class AgentHub
{
    public Task<GuestUsageSeries> GetGuestUsage(string uuid, UsageRange range) => throw new NotImplementedException("PLACEHOLDER-Usage");

    public Task<HostUsageSeries> GetHostUsage(UsageRange range) => throw new NotImplementedException("PLACEHOLDER-Usage");
}
