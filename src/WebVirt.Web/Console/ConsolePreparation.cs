namespace WebVirt.Web.Console;

/// <summary>What the console page can do next.</summary>
public enum ConsoleReadiness
{
    Ready,
    Forbidden,
    UnknownGuest,
    GuestStopped,
    NoVnc,
    AgentUnavailable,
}

/// <summary>A ticketed WebSocket path and the VNC password for the page's RFB client, or why there is none.</summary>
public sealed record ConsolePreparation(ConsoleReadiness Readiness, string? Path = null, string? Password = null, string? Problem = null);
