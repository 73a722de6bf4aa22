using System.Net.Sockets;
using Microsoft.Extensions.Options;
using WebVirt.Agent.Configuration;
using WebVirt.Agent.Enrolment;
using WebVirt.Agent.Security;
using WebVirt.Contracts;

namespace WebVirt.Agent.Relay;

/// <summary>
/// The console hand-off for the web of this machine (<see cref="ConsoleHandoff"/>): on a unix socket, checks the
/// agent token of each request, connects to the guest's VNC server and passes the connected socket to the web,
/// which then relays without this process in the path. Off unless Agent:ConsoleHandoffSocket names the socket.
/// The socket file is open to every local user, as the agent's loopback port is: the token admits, not the mode.
/// </summary>
public sealed class ConsoleHandoffListener(
    IOptionsMonitor<AgentOptions> options, EnrolmentService enrolment, VncLookup lookup, ILogger<ConsoleHandoffListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var path = options.CurrentValue.ConsoleHandoffSocket;
        if (string.IsNullOrWhiteSpace(path))
        {
            return;
        }

        using var listener = Bind(path);
        if (listener is null)
        {
            return;
        }

        RelayLog.HandoffListening(logger, path);
        try
        {
            while (true)
            {
                var client = await listener.AcceptAsync(stoppingToken);
                _ = AnswerAsync(client, path, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            File.Delete(path);
        }
    }

    private Socket? Bind(string path)
    {
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            if (File.Exists(path))
            {
                if (IsServed(path))
                {
                    throw new IOException("another process answers on it");
                }

                // Left by an agent that did not stop cleanly, as daemons find their sockets after a crash.
                File.Delete(path);
            }

            listener.Bind(new UnixDomainSocketEndPoint(path));
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
            listener.Listen(64);
            return listener;
        }
        catch (Exception ex) when (ex is SocketException or IOException or UnauthorizedAccessException)
        {
            RelayLog.HandoffUnavailable(logger, path, ex.Message);
            listener.Dispose();
            return null;
        }
    }

    private static bool IsServed(string path)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private async Task AnswerAsync(Socket client, string path, CancellationToken stoppingToken)
    {
        using var _ = client;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(AnswerWithin);
        try
        {
            var line = await ConsoleHandoff.ReadLineAsync(client, timeout.Token);
            if (line is null || !ConsoleHandoff.TryParseRequest(line, out var uuid, out var token))
            {
                RelayLog.HandoffFailed(logger, "not a hand-off request");
                ConsoleHandoff.SendRefused(client, ConsoleRelay.CloseRefused, "Not a console hand-off request.");
                return;
            }

            if (!AgentTokenAuthenticationHandler.Accepts(token, options.CurrentValue, enrolment))
            {
                RelayLog.Unauthenticated(logger, "the hand-off socket", path);
                ConsoleHandoff.SendRefused(client, ConsoleRelay.CloseRefused, "No valid agent token.");
                return;
            }

            var found = await lookup.FindAsync(uuid, timeout.Token);
            if (found.Target is not { } target)
            {
                RelayLog.NotOpened(logger, uuid, found.Problem ?? "");
                ConsoleHandoff.SendRefused(client, found.CloseCode, found.Problem ?? "");
                return;
            }

            using var vnc = await VncConnector.ConnectAsync(target, logger, uuid, timeout.Token);
            if (vnc is null)
            {
                ConsoleHandoff.SendRefused(client, ConsoleRelay.CloseVncUnreachable, "The guest's VNC server cannot be reached.");
                return;
            }

            // The web gets its own descriptor of the connection; this process's copy closes here.
            ConsoleHandoff.SendAccepted(client, vnc);
            RelayLog.HandedOff(logger, uuid);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException)
        {
            RelayLog.HandoffFailed(logger, ex.Message);
        }
    }
}
