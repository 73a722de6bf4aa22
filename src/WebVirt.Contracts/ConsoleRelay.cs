namespace WebVirt.Contracts;

/// <summary>
/// Paths and WebSocket close codes of the console relay, shared by the agent (which relays to
/// QEMU) and the web (which relays the browser to the agent and passes close reasons on).
/// </summary>
public static class ConsoleRelay
{
    /// <summary>
    /// Relay buffer from the VNC server towards the browser, where the screen's bulk goes: a read takes what the
    /// socket holds, up to this, and is sent on as one message. At 64 KiB (16 messages per MB, each with its own hops)
    /// the web spent 2.06 ms of CPU per MB relayed, at 256 KiB 1.81 (medians of four A/B pairs); 1 MiB was no better
    /// (bench/README.md, relay).
    /// A read returns as soon as any bytes are there, so a larger buffer adds no latency.
    /// </summary>
    public const int ScreenBufferSize = 256 * 1024;

    /// <summary>Relay buffer towards the VNC server: keys, pointer and clipboard, small messages (a larger one goes on in parts).</summary>
    public const int InputBufferSize = 16 * 1024;

    /// <summary>Relay buffer of the serial console, per direction.</summary>
    public const int SerialBufferSize = 64 * 1024;

    public static string VncRelayPath(string uuid) => $"/relay/vnc/{uuid}";

    /// <summary>
    /// The VNC relay between web and agent is an HTTP/1.1 Upgrade to this protocol: after the 101
    /// the connection carries the guest's VNC bytes as they are, with no framing of its own.
    /// </summary>
    public const string VncStreamProtocol = "webvirt-vnc";

    /// <summary>
    /// On a VNC relay the agent refuses instead of upgrading, this header holds the close code the
    /// web passes on to the browser; the response's text is the reason.
    /// </summary>
    public const string CloseCodeHeader = "WebVirt-Relay-Close";

    public static string VncInfoPath(string uuid) => $"/relay/vnc/{uuid}/info";

    public static string SerialRelayPath(string uuid) => $"/relay/serial/{uuid}";

    // 4000-4999 are free for applications (RFC 6455 section 7.4.2).
    public const int CloseNoSuchGuest = 4404;
    public const int CloseGuestNotRunning = 4409;
    public const int CloseNoVnc = 4415;
    public const int CloseNoSerial = 4416;
    public const int CloseVncUnreachable = 4502;
    public const int CloseRefused = 4403;
    public const int CloseAgentUnavailable = 4503;
}
