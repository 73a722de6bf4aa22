using System.Text;

namespace WebVirt.Testing;

/// <summary>
/// Reads what the test guest prints of its cloud-init seed: at boot it looks for a <c>cidata</c>
/// volume and dumps its files to the serial console between "CIDATA meta-data:" and "CIDATA: end"
/// (or says "CIDATA: none"). Shared by the agent's and the browser's cloud-init tests.
/// </summary>
public static class CloudSeedConsole
{
    public const string End = "CIDATA: end";
    public const string None = "CIDATA: none";

    /// <summary>
    /// The serial console from now until the seed has been printed; throws with the console's tail when
    /// the guest says it has no seed or <paramref name="wait"/> passes first.
    /// </summary>
    public static async Task<string> ReadAsync(LibvirtDomain domain, TimeSpan wait)
    {
        ArgumentNullException.ThrowIfNull(domain);
        LibvirtEventLoop.EnsureStarted();
        using var timeout = new CancellationTokenSource(wait);
        using LibvirtStream console = await OpenAsync(domain, timeout.Token);
        console.StartReceiving();
        var output = new StringBuilder();
        try
        {
            while (!output.ToString().Contains(End, StringComparison.Ordinal) && !output.ToString().Contains(None, StringComparison.Ordinal))
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
            // Reported below with what arrived.
        }

        console.Abort();
        string text = output.ToString().Replace("\r", "", StringComparison.Ordinal);
        return text.Contains(End, StringComparison.Ordinal)
            ? text
            : throw new TimeoutException($"no seed printed by {domain.Name}; console:\n{(text.Length > 3000 ? text[^3000..] : text)}");
    }

    // A guest started a moment ago may not have its pty yet ("PTY device is not yet assigned").
    private static async Task<LibvirtStream> OpenAsync(LibvirtDomain domain, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                return domain.OpenConsole(flags: ConsoleFlags.Force);
            }
            catch (WebVirt.Libvirt.LibvirtException) when (!ct.IsCancellationRequested)
            {
                await Task.Delay(200, ct);
            }
        }
    }
}
