using System.Diagnostics;

namespace WebVirt.Testing;

/// <summary>
/// Restarts the host's libvirtd the way a package upgrade or a crash does, to prove that clients
/// reconnect. This host has no systemd, so the daemon is stopped and started directly; running
/// guests survive (their QEMU processes are not children of the daemon).
/// </summary>
public static class LibvirtDaemon
{
    public static async Task RestartAsync(TimeSpan timeout)
    {
        await RunAsync("pkill", "-x", "libvirtd");
        var deadline = DateTime.UtcNow + timeout;
        while (await RunAsync("pgrep", "-x", "libvirtd") == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("libvirtd did not stop");
            }

            await Task.Delay(100);
        }

        if (await RunAsync("libvirtd", "-d") != 0)
        {
            throw new InvalidOperationException("libvirtd -d failed");
        }

        while (await RunAsync("virsh", "-c", "qemu:///system", "uri") != 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("libvirtd did not come back");
            }

            await Task.Delay(100);
        }
    }

    private static async Task<int> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        await process.StandardOutput.ReadToEndAsync();
        await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
