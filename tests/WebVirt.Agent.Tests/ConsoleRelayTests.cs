using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Net.Http.Json;
using WebVirt.Contracts;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests;

/// <summary>
/// The agent's console relays on real sockets (Kestrel on loopback): only the agent token opens the
/// VNC relay (an HTTP/1.1 Upgrade to a raw stream), it says why it cannot relay, and it moves a large
/// stream to a slow reader without buffering it.
/// A guest on test:///default stands in for QEMU; its VNC port is a TcpListener of the test.
/// </summary>
public sealed class ConsoleRelayTests : IAsyncLifetime
{
    private const long StreamBytes = 100L * 1024 * 1024;

    private readonly int _port = FreePort.Next();
    private readonly string _guest = TestRun.GuestName("vnc-relay");
    private AgentFactory _agent = null!;
    private TcpListener _vnc = null!;
    private string _uuid = "";
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        _agent = new AgentFactory("test:///default");
        _agent.UseKestrel(_port);
        _agent.StartServer();

        _vnc = new TcpListener(IPAddress.Loopback, 0);
        _vnc.Start();
        var vncPort = ((IPEndPoint)_vnc.LocalEndpoint).Port;
        _uuid = await VncStandInGuest.DefineAsync(_agent, _guest, vncPort, "s3cret");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _vnc.Stop();
        await VncStandInGuest.RemoveWithAgentAsync(_agent, _uuid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(AgentFactory.Token + "x")]
    public async Task The_relay_refuses_callers_without_the_agent_token(string? token)
    {
        using (var relay = await UpgradeAsync(token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, relay.StatusCode);
        }

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{_port}{ConsoleRelay.VncInfoPath(_uuid)}");
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains($"Refused a console relay from 127.0.0.1 on {ConsoleRelay.VncRelayPath(_uuid)}", await ReadAgentLogsAsync(), StringComparison.Ordinal);
    }

    // The agent's rolling log files (AgentFactory's log directory), opened as the writer keeps them open.
    private static async Task<string> ReadAgentLogsAsync()
    {
        var text = new System.Text.StringBuilder();
        foreach (var file in Directory.GetFiles(Path.Combine(Path.GetTempPath(), "wvt-agent-logs"), "agent-*.log"))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            text.Append(await reader.ReadToEndAsync());
        }

        return text.ToString();
    }

    [Fact]
    public async Task A_stopped_guest_is_reported_and_its_relay_closed_with_a_reason()
    {
        var info = await InfoAsync();
        Assert.False(info.Running);
        Assert.Null(info.Password);

        using var relay = await UpgradeAsync(AgentFactory.Token);
        Assert.Equal(HttpStatusCode.Conflict, relay.StatusCode);
        Assert.Equal(ConsoleRelay.CloseGuestNotRunning.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(relay.Headers.GetValues(ConsoleRelay.CloseCodeHeader)));
        Assert.Contains("not running", await relay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_that_does_not_upgrade_to_the_vnc_stream_is_not_relayed()
    {
        await StartGuestAsync();
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", AgentFactory.Token);
        using var response = await http.GetAsync(RelayUri());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_password_is_read_from_the_secure_xml_for_the_console()
    {
        await StartGuestAsync();
        var info = await InfoAsync();
        Assert.True(info.Running);
        Assert.True(info.HasVnc);
        Assert.Equal("s3cret", info.Password);
    }

    [Fact]
    public async Task Bytes_typed_in_the_console_reach_the_vnc_server()
    {
        await StartGuestAsync();
        using var relay = await UpgradeAsync(AgentFactory.Token);
        Assert.Equal(HttpStatusCode.SwitchingProtocols, relay.StatusCode);
        await using var stream = await relay.Content.ReadAsStreamAsync();
        using var vnc = await _vnc.AcceptTcpClientAsync();
        await stream.WriteAsync("hello vnc"u8.ToArray());
        var buffer = new byte[9];
        await vnc.GetStream().ReadExactlyAsync(buffer);
        Assert.Equal("hello vnc"u8.ToArray(), buffer);
    }

    [Fact]
    public async Task A_hundred_megabytes_to_a_slow_reader_keep_memory_bounded()
    {
        await StartGuestAsync();
        using var relay = await UpgradeAsync(AgentFactory.Token);
        await using var relayed = await relay.Content.ReadAsStreamAsync();
        using var vnc = await _vnc.AcceptTcpClientAsync();

        var source = Task.Run(async () =>
        {
            var chunk = new byte[64 * 1024];
            Random.Shared.NextBytes(chunk);
            var stream = vnc.GetStream();
            for (long sent = 0; sent < StreamBytes; sent += chunk.Length)
            {
                await stream.WriteAsync(chunk);
            }
        });

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = baseline;
        var buffer = new byte[16 * 1024];
        long received = 0;
        var reads = 0;
        while (received < StreamBytes)
        {
            var read = await relayed.ReadAsync(buffer);
            Assert.NotEqual(0, read);
            received += read;
            if (++reads % 16 == 0)
            {
                // The slow reader: the source can write far faster than this drains.
                await Task.Delay(2);
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
            }
        }

        await source;
        Assert.Equal(StreamBytes, received);
        var growth = peak - baseline;
        Assert.True(growth < 64L * 1024 * 1024, $"managed memory grew by {growth / (1024 * 1024)} MB while relaying");
    }

    [Fact]
    public async Task A_guest_without_a_serial_device_is_told_so()
    {
        await StartGuestAsync();
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + AgentFactory.Token);
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{_port}{ConsoleRelay.SerialRelayPath(_uuid)}"), CancellationToken.None);
        var received = await socket.ReceiveAsync(new byte[16], CancellationToken.None);
        Assert.Equal(WebSocketMessageType.Close, received.MessageType);
        Assert.Equal(ConsoleRelay.CloseNoSerial, (int)socket.CloseStatus!);
        socket.Dispose();
    }

    private Uri RelayUri() => new($"http://127.0.0.1:{_port}{ConsoleRelay.VncRelayPath(_uuid)}");

    // Opens the VNC relay as the web does: an HTTP/1.1 Upgrade, whose 101 response's content is the connection.
    private async Task<HttpResponseMessage> UpgradeAsync(string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, RelayUri());
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        request.Headers.Connection.Add("Upgrade");
        request.Headers.Upgrade.Add(new(ConsoleRelay.VncStreamProtocol));
        return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private async Task<VncConsoleInfo> InfoAsync()
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", AgentFactory.Token);
        return (await http.GetFromJsonAsync<VncConsoleInfo>($"http://127.0.0.1:{_port}{ConsoleRelay.VncInfoPath(_uuid)}"))!;
    }

    private Task StartGuestAsync() => VncStandInGuest.StartAsync(_agent, _uuid);
}
