namespace WebVirt.Contracts;

public partial interface IAgentClient
{
    /// <summary>Pushed after every sampling interval: the host's sample and one per running guest.</summary>
    Task UsageSampled(string hostId, HostUsageSample host, IReadOnlyList<GuestUsageSample> guests);
}
