using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace WebVirt.Testing;

public static class FreePort
{
    // A port handed out is free only until its user binds it, which for a started process takes seconds,
    // and the kernel may offer it again meanwhile: a CI run gave a web its own agent's port. So a port is
    // handed out once per process, and once per test run (deploy/test.sh's WEBVIRT_TEST_RUN_ID) across
    // the projects that run side by side, by a file named after it that only one process can create.
    private static readonly ConcurrentDictionary<int, byte> HandedOut = new();

    private static readonly string? RunDirectory = Environment.GetEnvironmentVariable("WEBVIRT_TEST_RUN_ID") is { Length: > 0 } run
        ? Path.Combine(Path.GetTempPath(), "wvt-ports-" + run)
        : null;

    /// <summary>A loopback TCP port nobody listens on right now, not handed out before in this test run.</summary>
    public static int Next()
    {
        // Each port offered stays bound until one is chosen, so the kernel offers another each time.
        var offered = new List<TcpListener>();
        try
        {
            while (true)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                offered.Add(listener);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (HandedOut.TryAdd(port, 0) && ClaimForRun(port))
                {
                    return port;
                }
            }
        }
        finally
        {
            foreach (var listener in offered)
            {
                listener.Dispose();
            }
        }
    }

    private static bool ClaimForRun(int port)
    {
        if (RunDirectory is null)
        {
            return true;
        }

        Directory.CreateDirectory(RunDirectory);
        // The run's cleanup removes the folder (with everything in /tmp/wvt-*).
        var claim = Path.Combine(RunDirectory, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            using var created = new FileStream(claim, FileMode.CreateNew);
            return true;
        }
        catch (IOException) when (File.Exists(claim))
        {
            return false;
        }
    }
}
