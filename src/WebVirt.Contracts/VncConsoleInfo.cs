namespace WebVirt.Contracts;

/// <summary>What the console needs before it connects to a guest's screen.</summary>
/// <param name="Running">Whether the guest is running (its VNC server exists only then).</param>
/// <param name="HasVnc">Whether the guest has a VNC display WebVirt can reach on loopback.</param>
/// <param name="Password">The VNC password from the secure XML, for the console's RFB client only; null when none.</param>
/// <param name="Problem">Why the screen cannot be shown, in English for logs; null when it can.</param>
public sealed record VncConsoleInfo(bool Running, bool HasVnc, string? Password, string? Problem);
