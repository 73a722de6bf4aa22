using WebVirt.Contracts;

namespace WebVirt.Web.Agents.Records;

/// <summary>One usage push of an agent: the host's sample and its running guests', under the host id of the connection it came on.</summary>
public sealed record UsageReport(string HostId, HostUsageSample Host, IReadOnlyList<GuestUsageSample> Guests);
