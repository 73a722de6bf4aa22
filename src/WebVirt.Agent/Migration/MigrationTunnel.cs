using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using WebVirt.Contracts;

namespace WebVirt.Agent.Migration;

/// <summary>
/// The source's side of one migration's tunnel: a unix socket for this agent's libvirt connection
/// to the destination's libvirtd, and two loopback ports where the source's QEMU sends the memory
/// and disk streams. Every connection made to them is carried in a WebSocket over TLS to the
/// destination agent, whose certificate must be the pinned one, with the grant's token. Nothing
/// listens beyond this host's loopback and a socket only this agent's user may open.
/// </summary>
internal sealed class MigrationTunnel : IAsyncDisposable
{
    private readonly MigrationDestination _destination;
    private readonly ILogger _logger;
    private readonly Socket _control;
    private readonly TcpListener _memory;
    private readonly TcpListener _disks;
    private readonly string _socketPath;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _work = [];

    private MigrationTunnel(MigrationDestination destination, string socketPath, ILogger logger)
    {
        _destination = destination;
        _logger = logger;
        _socketPath = socketPath;
        _control = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _memory = new TcpListener(IPAddress.Loopback, 0);
        _disks = new TcpListener(IPAddress.Loopback, 0);
    }

    /// <summary>The URI this agent opens its connection to the destination's libvirtd with.</summary>
    public string ControlUri => $"qemu+unix:///system?socket={_socketPath}";

    public int MemoryPort => ((IPEndPoint)_memory.LocalEndpoint).Port;

    public int DisksPort => ((IPEndPoint)_disks.LocalEndpoint).Port;

    /// <summary>Opens the tunnel's listeners; the socket goes into <paramref name="socketDirectory"/>.</summary>
    public static MigrationTunnel Open(MigrationDestination destination, string socketDirectory, ILogger logger)
    {
        Directory.CreateDirectory(socketDirectory);
        // A short name: Linux takes at most 107 bytes for a unix socket's path, and the state directory
        // (a temporary one for a test or an enrolled agent) already uses a good part of it.
        var path = Path.Combine(socketDirectory, $"m-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6))}.sock");
        var tunnel = new MigrationTunnel(destination, path, logger);
        try
        {
            tunnel._control.Bind(new UnixDomainSocketEndPoint(path));
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            tunnel._control.Listen(4);
            tunnel._memory.Start();
            tunnel._disks.Start();
            tunnel._work.Add(tunnel.AcceptAsync(tunnel._control, MigrationStreams.Control, null));
            tunnel._work.Add(tunnel.AcceptAsync(tunnel._memory.Server, MigrationStreams.Memory, tunnel.MemoryPort));
            tunnel._work.Add(tunnel.AcceptAsync(tunnel._disks.Server, MigrationStreams.Disks, tunnel.DisksPort));
            return tunnel;
        }
        catch
        {
            tunnel.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>
    /// Asks the destination whether the grant is good, over the pinned TLS connection: null when it
    /// is, else why not (as a failure the console words).
    /// </summary>
    public async Task<Failure?> CheckGrantAsync(CancellationToken ct)
    {
        using var handler = new SocketsHttpHandler { SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = IsPinned } };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(15) };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUri(), MigrationStreams.GrantPath(_destination.GrantId)));
        request.Headers.Add(MigrationStreams.TokenHeader, _destination.Token);
        try
        {
            using var response = await http.SendAsync(request, ct);
            return response.StatusCode == HttpStatusCode.NoContent ? null : Failure.Of(ErrorCodes.MigrationGrantUnknown, _destination.GrantId);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return Failure.Of(ErrorCodes.MigrationDestinationUnreachable, _destination.HostId, ex.InnerException?.Message ?? ex.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _control.Dispose();
        _memory.Stop();
        _disks.Stop();
        Task[] work;
        lock (_work)
        {
            work = [.. _work];
        }

        await Task.WhenAll(work.Select(Quietly));
        File.Delete(_socketPath);
        _stop.Dispose();
    }

    private Uri BaseUri() => new(_destination.AgentUrl.TrimEnd('/') + "/");

    private bool IsPinned(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        certificate is not null
        && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(EnrolmentHandshake.Fingerprint(certificate.GetRawCertData())),
            Encoding.ASCII.GetBytes(_destination.CertificateSha256.ToLowerInvariant()));

    private async Task AcceptAsync(Socket listener, string channel, int? port)
    {
        var open = 0;
        while (!_stop.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await listener.AcceptAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (Interlocked.Increment(ref open) > MigrationStreams.MaxConnectionsPerStream)
            {
                // Bounded: a runaway client cannot make the tunnel hold more streams and buffers.
                Interlocked.Decrement(ref open);
                accepted.Dispose();
                continue;
            }

            if (accepted.ProtocolType == ProtocolType.Tcp)
            {
                // A relay passes on each piece as it comes: QEMU's small messages back (its return path's)
                // must not wait for an acknowledgement of the one before.
                accepted.NoDelay = true;
            }

            var carry = CarryAsync(accepted, channel, port).ContinueWith(_ => Interlocked.Decrement(ref open), TaskScheduler.Default);
            lock (_work)
            {
                _work.RemoveAll(t => t.IsCompleted);
                _work.Add(carry);
            }
        }
    }

    private async Task CarryAsync(Socket local, string channel, int? port)
    {
        using (local)
        using (var webSocket = new ClientWebSocket())
        {
            webSocket.Options.RemoteCertificateValidationCallback = IsPinned;
            webSocket.Options.SetRequestHeader(MigrationStreams.TokenHeader, _destination.Token);
            var path = MigrationStreams.StreamPath(_destination.GrantId, channel) + (port is { } p ? $"?port={p}" : "");
            var uri = new UriBuilder(new Uri(BaseUri(), path)) { Scheme = "wss" }.Uri;
            try
            {
                await webSocket.ConnectAsync(uri, _stop.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or HttpRequestException)
            {
                // Closing the local side tells libvirt or QEMU at once that the stream failed.
                MigrationLog.TunnelStreamFailed(_logger, _destination.HostId, channel, ex.InnerException?.Message ?? ex.Message);
                return;
            }

            await MigrationStreamRelay.RunAsync(webSocket, local, _stop.Token);
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or WebSocketException or IOException or ObjectDisposedException)
        {
            // The tunnel is closing; its streams end with it.
        }
    }
}
