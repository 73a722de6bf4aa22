using System.Net;
using System.Net.Sockets;
using WebVirt.Contracts;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests;

/// <summary>
/// The console hand-off on a real unix socket: with the agent token the web gets the guest's VNC connection itself
/// (its peer is the VNC server, not the agent), and without it, or for a guest that is not running, a close code
/// and reason and no socket. A guest on test:///default stands in for QEMU; its VNC port is a TcpListener of the test.
/// </summary>
public sealed class ConsoleHandoffTests : IAsyncLifetime
{
    private readonly string _socketPath = Path.Combine(Path.GetTempPath(), TestRun.Prefix + "handoff-" + Guid.NewGuid().ToString("N")[..8] + ".sock");
    private readonly string _guest = TestRun.GuestName("vnc-handoff");
    private AgentFactory _agent = null!;
    private TcpListener _vnc = null!;
    private string _uuid = "";
    private bool _agentStopped;

    public async Task InitializeAsync()
    {
        // A socket file left by an agent that did not stop cleanly is replaced.
        using (var stale = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            stale.Bind(new UnixDomainSocketEndPoint(_socketPath));
        }

        _agent = new AgentFactory("test:///default");
        _agent.Settings["Agent:ConsoleHandoffSocket"] = _socketPath;
        _vnc = new TcpListener(IPAddress.Loopback, 0);
        _vnc.Start();
        var vncPort = ((IPEndPoint)_vnc.LocalEndpoint).Port;
        _uuid = await VncStandInGuest.DefineAsync(_agent, _guest, vncPort);
    }

    public async Task DisposeAsync()
    {
        _vnc.Stop();
        if (_agentStopped)
        {
            // test:///default lives in the agent's process: its guest went with it.
            File.Delete(_socketPath);
            return;
        }

        try
        {
            await VncStandInGuest.RemoveWithAgentAsync(_agent, _uuid);
        }
        finally
        {
            File.Delete(_socketPath);
        }
    }

    [Fact]
    public async Task With_the_token_the_web_gets_the_guests_vnc_connection_itself_and_the_socket_goes_with_the_agent()
    {
        await StartGuestAsync();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite,
            File.GetUnixFileMode(_socketPath) & (UnixFileMode)0x1FF);

        var answer = await AskAsync(ConsoleHandoff.Request(_uuid, AgentFactory.Token));

        using var vnc = Assert.IsType<Socket>(answer.Vnc);
        Assert.Equal(0, answer.CloseCode);
        Assert.Equal(((IPEndPoint)_vnc.LocalEndpoint).Port, ((IPEndPoint)vnc.RemoteEndPoint!).Port);
        using var server = await _vnc.AcceptTcpClientAsync();
        await vnc.SendAsync("RFB from the browser"u8.ToArray());
        var typed = new byte[20];
        await server.GetStream().ReadExactlyAsync(typed);
        Assert.Equal("RFB from the browser"u8.ToArray(), typed);
        await server.GetStream().WriteAsync("RFB 003.008\n"u8.ToArray());
        var greeting = new byte[12];
        await new NetworkStream(vnc).ReadExactlyAsync(greeting);
        Assert.Equal("RFB 003.008\n"u8.ToArray(), greeting);

        _agentStopped = true;
        await _agent.DisposeAsync();
        Assert.False(File.Exists(_socketPath), "the agent left its hand-off socket behind");
    }

    [Theory]
    [InlineData(AgentFactory.Token + "x")]
    [InlineData("")]
    public async Task Without_the_token_nothing_is_handed_over(string token)
    {
        await StartGuestAsync();
        var request = token.Length == 0 ? "WVH1 only-two-words\n"u8.ToArray() : ConsoleHandoff.Request(_uuid, token);

        var answer = await AskAsync(request);

        Assert.Null(answer.Vnc);
        Assert.Equal(ConsoleRelay.CloseRefused, answer.CloseCode);
        Assert.False(_vnc.Pending(), "the agent connected to the guest's VNC server for a refused request");
    }

    [Fact]
    public async Task A_guest_that_is_not_running_is_answered_with_its_reason()
    {
        var answer = await AskAsync(ConsoleHandoff.Request(_uuid, AgentFactory.Token));

        Assert.Null(answer.Vnc);
        Assert.Equal(ConsoleRelay.CloseGuestNotRunning, answer.CloseCode);
        Assert.Contains("not running", answer.Reason, StringComparison.Ordinal);
    }

    private async Task<HandoffAnswer> AskAsync(byte[] request)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        // The listener starts with the agent's host; wait for its socket.
        while (true)
        {
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(_socketPath), timeout.Token);
                break;
            }
            catch (SocketException) when (!timeout.IsCancellationRequested)
            {
                await Task.Delay(50, timeout.Token);
            }
        }

        await socket.SendAsync(request, SocketFlags.None, timeout.Token);
        return await ConsoleHandoff.ReceiveAnswerAsync(socket, timeout.Token);
    }

    private Task StartGuestAsync() => VncStandInGuest.StartAsync(_agent, _uuid);
}
