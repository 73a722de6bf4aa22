namespace WebVirt.Contracts;

/// <summary>A guest's run state; the values match libvirt's virDomainState so they can be cast.</summary>
public enum GuestState
{
    NoState = 0,
    Running = 1,
    Blocked = 2,
    Paused = 3,
    ShuttingDown = 4,
    ShutOff = 5,
    Crashed = 6,
    PmSuspended = 7,
}
