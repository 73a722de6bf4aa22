using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace WebVirt.Testing;

public static class FreePort
{
    // A port handed out is free only until its user binds it, which for a started process takes seconds;
    // the kernel may offer it again meanwhile (a web got its own agent's port in a CI run).
    private static readonly ConcurrentDictionary<int, byte> HandedOut = new();

    /// <summary>A loopback TCP port nobody listens on right now, and not handed out before by this process.</summary>
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (HandedOut.TryAdd(port, 0))
            {
                return port;
            }
        }
    }
}
