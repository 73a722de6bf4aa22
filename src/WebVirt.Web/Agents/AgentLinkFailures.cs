using System.Net.Sockets;
using System.Net.WebSockets;

namespace WebVirt.Web.Agents;

/// <summary>
/// The exceptions a hub call ends with when the link to the agent breaks under it: the agent
/// stopped or was killed mid-call (the WebSocket ends without its close handshake), the
/// connection was stopped, or the agent cannot be reached. Such a call says the agent is away,
/// never that the page is broken.
/// </summary>
public static class AgentLinkFailures
{
    public static bool Is(Exception exception) =>
        exception is InvalidOperationException or IOException or HttpRequestException or WebSocketException or SocketException;
}
