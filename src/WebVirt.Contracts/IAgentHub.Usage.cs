namespace WebVirt.Contracts;

/// <summary>Usage history kept by the agent in PostgreSQL at a resolution per range.</summary>
public partial interface IAgentHub
{
    Task<GuestUsageSeries> GetGuestUsage(string uuid, UsageRange range);

    Task<HostUsageSeries> GetHostUsage(UsageRange range);
}
