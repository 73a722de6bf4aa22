namespace WebVirt.Contracts;

/// <summary>The lifecycle actions a console can ask of a guest.</summary>
public enum GuestAction
{
    Start,
    Shutdown,
    ForceOff,
    Reboot,
    Reset,
    Pause,
    Resume,
    AutostartOn,
    AutostartOff,
}
