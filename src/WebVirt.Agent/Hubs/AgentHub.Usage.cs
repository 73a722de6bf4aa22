using Microsoft.Extensions.Options;
using WebVirt.Agent.Configuration;
using WebVirt.Contracts;
using WebVirt.Data;

namespace WebVirt.Agent.Hubs;

/// <summary>Usage graphs' history (<see cref="UsageStore"/>); live samples are pushed by the usage sampler.</summary>
internal sealed partial class AgentHub
{
    public Task<GuestUsageSeries> GetGuestUsage(string uuid, UsageRange range) =>
        Feature<UsageStore>().GetGuestSeriesAsync(UsageHostId, uuid ?? "", KnownRange(range), Context.ConnectionAborted);

    public Task<HostUsageSeries> GetHostUsage(UsageRange range) =>
        Feature<UsageStore>().GetHostSeriesAsync(UsageHostId, KnownRange(range), Context.ConnectionAborted);

    private string UsageHostId => Feature<IOptions<AgentOptions>>().Value.ResolvedHostId;

    private static UsageRange KnownRange(UsageRange range) =>
        Enum.IsDefined(range) ? range : throw new FailureException(Failure.Of(ErrorCodes.UsageRangeUnknown, ((int)range).ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
