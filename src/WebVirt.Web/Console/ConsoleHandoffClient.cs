using System.Net.Sockets;
using WebVirt.Contracts;
using WebVirt.Web.Configuration;

namespace WebVirt.Web.Console;

/// <summary>
/// Collects a guest's VNC connection from the agent of this machine over its hand-off socket
/// (<see cref="ConsoleHandoff"/>), so the browser's bytes go straight between this process and QEMU.
/// </summary>
public sealed class ConsoleHandoffClient(ILogger<ConsoleHandoffClient> logger)
{
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The VNC connection, or the agent's refusal; null when the agent has no hand-off socket or it failed (logged),
    /// and the caller relays through the agent as for any remote host.
    /// </summary>
    public async Task<AgentVncStream?> TryOpenAsync(AgentOptions agent, string uuid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (string.IsNullOrWhiteSpace(agent.ConsoleSocket))
        {
            return null;
        }

        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AnswerWithin);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(agent.ConsoleSocket), timeout.Token);
            await socket.SendAsync(ConsoleHandoff.Request(uuid, agent.Token), SocketFlags.None, timeout.Token);
            var answer = await ConsoleHandoff.ReceiveAnswerAsync(socket, timeout.Token);
            if (answer.Vnc is { } vnc)
            {
                if (vnc.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
                {
                    vnc.NoDelay = true;
                }

                return AgentVncStream.HandedOver(vnc);
            }

            // A refusal for a reason of the guest's (not running, no VNC) is the answer; a wrong token is this
            // side's configuration, and the agent's HTTP relay with the same token would refuse it just the same.
            return AgentVncStream.Refused(answer.CloseCode, answer.Reason.Length > 120 ? answer.Reason[..120] : answer.Reason);
        }
        catch (Exception ex) when (ex is SocketException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            ConsoleLog.HandoffFailed(logger, ex, agent.HostId, uuid, agent.ConsoleSocket);
            return null;
        }
    }
}
