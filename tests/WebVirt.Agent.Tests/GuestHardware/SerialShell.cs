using System.Text;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests.GuestHardware;

/// <summary>Types a command into the test guest's root shell on ttyS0 and waits for a text its output contains.</summary>
internal static class SerialShell
{
    public static async Task<string> RunAsync(HardwareGuestFixture guest, string command, string expect, TimeSpan timeout)
    {
        using var connection = LibvirtConnection.Open(HardwareGuestFixture.Uri);
        using var domain = connection.LookupDomainByUuid(guest.Uuid);
        using LibvirtStream console = domain.OpenConsole("serial0", ConsoleFlags.Force);
        console.StartReceiving();
        await console.SendAsync(Encoding.ASCII.GetBytes(command + "\n"));
        using var cancellation = new CancellationTokenSource(timeout);
        var received = new StringBuilder();
        try
        {
            while (!AnsiEscapes.Strip(received.ToString()).Contains(expect, StringComparison.Ordinal))
            {
                ReadOnlyMemory<byte> chunk = await console.ReceiveAsync(cancellation.Token);
                if (chunk.IsEmpty)
                {
                    throw new EndOfStreamException($"the console ended before '{expect}'");
                }

                received.Append(Encoding.UTF8.GetString(chunk.Span));
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"'{expect}' did not appear on the console within {timeout}; got:\n{AnsiEscapes.Strip(received.ToString())}");
        }

        console.Finish();
        return AnsiEscapes.Strip(received.ToString());
    }
}
