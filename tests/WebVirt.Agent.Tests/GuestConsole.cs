using System.Text;

namespace WebVirt.Agent.Tests;

/// <summary>Reads a running test guest's serial console through a libvirt stream.</summary>
internal static class GuestConsole
{
    public const string Banner = "WEBVIRT TEST GUEST READY";

    public static readonly TimeSpan BootWait = TimeSpan.FromSeconds(240);

    public static async Task WaitForBannerAsync(LibvirtDomain domain)
    {
        LibvirtEventLoop.EnsureStarted();
        using LibvirtStream console = domain.OpenConsole(flags: ConsoleFlags.Force);
        console.StartReceiving();
        using var timeout = new CancellationTokenSource(BootWait);
        var output = new StringBuilder();
        try
        {
            while (!output.ToString().Contains(Banner, StringComparison.Ordinal))
            {
                var chunk = await console.ReceiveAsync(timeout.Token);
                if (chunk.IsEmpty)
                {
                    break;
                }

                output.Append(Encoding.UTF8.GetString(chunk.Span));
            }
        }
        catch (OperationCanceledException)
        {
        }

        string text = output.ToString();
        Assert.True(text.Contains(Banner, StringComparison.Ordinal), $"no banner from {domain.Name} within {BootWait}; console:\n{(text.Length > 2000 ? text[^2000..] : text)}");
        console.Abort();
    }
}
