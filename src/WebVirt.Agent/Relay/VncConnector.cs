using System.Net.Sockets;

namespace WebVirt.Agent.Relay;

/// <summary>Connects to a guest's VNC server, on loopback TCP or its unix socket, for the relay or the hand-off.</summary>
public static class VncConnector
{
    /// <summary>The connected socket, or null (logged) when the VNC server cannot be reached.</summary>
    public static async Task<Socket?> ConnectAsync(VncTarget target, ILogger logger, string uuid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var (socket, endpoint) = target.UnixSocket is { } path
            ? (new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified), (System.Net.EndPoint)new UnixDomainSocketEndPoint(path))
            : (new Socket(target.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }, new System.Net.IPEndPoint(target.Address, target.Port));
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
            RelayLog.Opened(logger, uuid, endpoint.ToString() ?? "");
            return socket;
        }
        catch (SocketException ex)
        {
            RelayLog.NotOpened(logger, uuid, $"connecting to {endpoint} failed: {ex.Message}");
            socket.Dispose();
            return null;
        }
    }
}
