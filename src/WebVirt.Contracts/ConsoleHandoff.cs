using System.Net.Sockets;
using System.Text;
using WebVirt.Contracts.Interop;

namespace WebVirt.Contracts;

/// <summary>
/// The console hand-off between the web and the agent of the same machine. Instead of relaying a guest's VNC
/// bytes through itself, the agent connects to the guest's VNC server and passes that connected socket to the
/// web over a unix socket (SCM_RIGHTS), so one process relays between the browser and QEMU, as websockify does.
/// The web asks with one line, "WVH1 {uuid} {agent token}\n"; the agent answers with one message: "0\n" with
/// the socket attached, or "{close code} {reason}\n" (the codes of <see cref="ConsoleRelay"/>).
/// </summary>
public static class ConsoleHandoff
{
    public const string Version = "WVH1";

    /// <summary>A request or answer line is at most this long; a longer one is refused unread.</summary>
    public const int MaxLineBytes = 1024;

    public static byte[] Request(string uuid, string token) => Encoding.UTF8.GetBytes($"{Version} {uuid} {token}\n");

    /// <summary>Splits a request line (without its newline) into the guest's UUID and the token; false when it is not one.</summary>
    public static bool TryParseRequest(string line, out string uuid, out string token)
    {
        ArgumentNullException.ThrowIfNull(line);
        var parts = line.Split(' ', 3);
        var valid = parts.Length == 3 && parts[0] == Version && parts[1].Length > 0 && parts[2].Length > 0;
        uuid = valid ? parts[1] : "";
        token = valid ? parts[2] : "";
        return valid;
    }

    /// <summary>Reads one line sent as one write (the web sends nothing else); null when the peer closed first or it is too long.</summary>
    public static async Task<string?> ReadLineAsync(Socket socket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var buffer = new byte[MaxLineBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                return null;
            }

            var end = Array.IndexOf(buffer, (byte)'\n', length, read);
            length += read;
            if (end >= 0)
            {
                return Encoding.UTF8.GetString(buffer, 0, end);
            }
        }

        return null;
    }

    /// <summary>Answers yes and passes <paramref name="vnc"/>'s descriptor; the caller may close its own copy right after.</summary>
    public static void SendAccepted(Socket socket, Socket vnc)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(vnc);
        FdPassing.Send(socket.SafeHandle, "0\n"u8, vnc.SafeHandle);
    }

    public static void SendRefused(Socket socket, int closeCode, string reason)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(reason);
        var line = $"{closeCode.ToString(System.Globalization.CultureInfo.InvariantCulture)} {reason.ReplaceLineEndings(" ")}";
        var bytes = Encoding.UTF8.GetBytes(line.Length > 200 ? line[..200] : line);
        FdPassing.Send(socket.SafeHandle, [.. bytes, (byte)'\n'], null);
    }

    /// <summary>Waits for the agent's answer; the connected VNC socket is the caller's when the answer is yes.</summary>
    public static async Task<HandoffAnswer> ReceiveAnswerAsync(Socket socket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var peek = new byte[1];
        var buffer = new byte[MaxLineBytes];
        var length = 0;
        var descriptor = -1;
        try
        {
            while (true)
            {
                // Peeking waits without taking the message, so the descriptor stays queued for recvmsg.
                if (await socket.ReceiveAsync(peek, SocketFlags.Peek, cancellationToken) == 0)
                {
                    throw new IOException("The agent closed the hand-off without an answer.");
                }

                if (FdPassing.TryReceive(socket.SafeHandle, buffer.AsSpan(length)) is not var (read, passed))
                {
                    continue;
                }

                if (passed >= 0)
                {
                    if (descriptor >= 0)
                    {
                        Close(passed);
                        throw new IOException("The agent passed more than one socket.");
                    }

                    descriptor = passed;
                }

                var end = Array.IndexOf(buffer, (byte)'\n', length, read);
                length += read;
                if (end >= 0)
                {
                    var answer = Parse(Encoding.UTF8.GetString(buffer, 0, end), descriptor);
                    descriptor = -1;
                    return answer;
                }

                if (read == 0 || length == buffer.Length)
                {
                    throw new IOException("The agent's hand-off answer is not a line.");
                }
            }
        }
        finally
        {
            if (descriptor >= 0)
            {
                Close(descriptor);
            }
        }
    }

    private static HandoffAnswer Parse(string line, int descriptor)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var codeText = space < 0 ? line : line[..space];
        if (!int.TryParse(codeText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code)
            || (code != 0 && code is < 4000 or > 4999))
        {
            throw new IOException("The agent's hand-off answer has no close code.");
        }

        if (code == 0)
        {
            return descriptor >= 0
                ? new HandoffAnswer(0, "", new Socket(new SafeSocketHandle(descriptor, ownsHandle: true)))
                : throw new IOException("The agent said yes but passed no socket.");
        }

        if (descriptor >= 0)
        {
            Close(descriptor);
        }

        return new HandoffAnswer(code, space < 0 ? "" : line[(space + 1)..], null);
    }

    private static void Close(int descriptor) => new SafeSocketHandle(descriptor, ownsHandle: true).Dispose();
}

/// <summary>The agent's answer to a hand-off: the connected VNC socket, or why not (a close code and reason for the browser).</summary>
public sealed record HandoffAnswer(int CloseCode, string Reason, Socket? Vnc);
