namespace WebVirt.Web.Components.Pages;

/// <summary>What the console page shows about its connection; each has a ConsoleResource text "State.{name}".</summary>
public enum ConsoleViewState
{
    Connecting,
    Connected,
    GuestStopped,
    Disconnected,
    NoVnc,
    NoSerial,
    Forbidden,
    UnknownGuest,
    AgentUnavailable,
}
