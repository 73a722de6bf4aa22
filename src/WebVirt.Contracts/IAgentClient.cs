namespace WebVirt.Contracts;

/// <summary>Pushes from a host agent to every connected console.</summary>
public partial interface IAgentClient
{
    Task GuestChanged(GuestInfo guest);

    Task GuestRemoved(string hostId, string uuid);

    Task GuestEventOccurred(GuestEvent guestEvent);

    Task HostChanged(HostInfo host);
}
