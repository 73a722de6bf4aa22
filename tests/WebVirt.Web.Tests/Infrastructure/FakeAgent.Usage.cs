using WebVirt.Contracts;

namespace WebVirt.Web.Tests.Infrastructure;

// PLACEHOLDER: replaced by the Usage feature.
public sealed partial class FakeAgentHub
{
    public Task<GuestUsageSeries> GetGuestUsage(string uuid, UsageRange range) => throw new NotImplementedException("PLACEHOLDER-Usage");

    public Task<HostUsageSeries> GetHostUsage(UsageRange range) => throw new NotImplementedException("PLACEHOLDER-Usage");
}
