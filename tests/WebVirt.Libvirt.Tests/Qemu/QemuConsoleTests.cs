using System.Text;
using WebVirt.Testing;

namespace WebVirt.Libvirt.Tests.Qemu;

[Trait("Category", "Qemu")]
[Collection(QemuCollection.Name)]
public sealed class QemuConsoleTests(QemuFixture fixture)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Serial_console_runs_a_shell_command()
    {
        RunningTestGuest guest = await fixture.GetRunningGuestAsync();
        using LibvirtConnection connection = LibvirtConnection.Open(QemuFixture.Uri);
        using LibvirtDomain domain = connection.LookupDomainByName(guest.Name);
        using LibvirtStream console = domain.OpenConsole("serial0", ConsoleFlags.Force);
        console.StartReceiving();

        // The shell prints the command back; only its output contains the computed 42.
        await console.SendAsync(Encoding.ASCII.GetBytes("echo MAGIC$((6*7))\n"));
        string output = await ReadUntilAsync(console, "MAGIC42", s_timeout);

        Assert.Contains("echo MAGIC$((6*7))", output, StringComparison.Ordinal);
        console.Finish();
        Assert.Equal(LibvirtStreamState.Finished, console.State);
    }

    [Fact]
    public async Task Slow_reader_pauses_receiving_without_losing_output()
    {
        RunningTestGuest guest = await fixture.GetRunningGuestAsync();
        using LibvirtConnection connection = LibvirtConnection.Open(QemuFixture.Uri);
        using LibvirtDomain domain = connection.LookupDomainByName(guest.Name);
        using LibvirtStream console = domain.OpenConsole(flags: ConsoleFlags.Force);
        console.StartReceiving(maxQueuedChunks: 2);

        await console.SendAsync(Encoding.ASCII.GetBytes("seq 1 2000; echo SEQ-$((1000+1000))-DONE\n"));

        // Not reading lets the queue fill, so the event loop must stop reading and resume later.
        await Task.Delay(TimeSpan.FromSeconds(2));
        string output = await ReadUntilAsync(console, "SEQ-2000-DONE", s_timeout);

        Assert.True(console.ReceivePauses > 0, "the receive queue never filled");
        int[] numbers = output.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0 && line.All(char.IsAsciiDigit)).Select(int.Parse).ToArray();
        Assert.Equal(Enumerable.Range(1, 2000), numbers);
    }

    [Fact]
    public async Task Screenshot_is_a_png_of_the_vga_screen()
    {
        RunningTestGuest guest = await fixture.GetRunningGuestAsync();
        using LibvirtConnection connection = LibvirtConnection.Open(QemuFixture.Uri);
        using LibvirtDomain domain = connection.LookupDomainByName(guest.Name);

        DomainScreenshot screenshot = await Task.Run(() => domain.TakeScreenshot());

        Assert.Equal("image/png", screenshot.MimeType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], screenshot.Data.Take(8));
        File.WriteAllBytes(TestArtifacts.PathFor("libvirt", "screenshot.png"), screenshot.Data);
    }

    private static async Task<string> ReadUntilAsync(LibvirtStream console, string text, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        var received = new StringBuilder();
        try
        {
            while (!AnsiEscapes.Strip(received.ToString()).Contains(text, StringComparison.Ordinal))
            {
                ReadOnlyMemory<byte> chunk = await console.ReceiveAsync(cancellation.Token);
                if (chunk.IsEmpty)
                {
                    throw new EndOfStreamException($"the console ended before '{text}'");
                }

                received.Append(Encoding.UTF8.GetString(chunk.Span));
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"'{text}' did not appear on the console within {timeout}; got:\n{AnsiEscapes.Strip(received.ToString())}");
        }

        return AnsiEscapes.Strip(received.ToString()).Replace("\r", string.Empty, StringComparison.Ordinal);
    }
}
