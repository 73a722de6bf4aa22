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
        // The daemon's own pid file names it: other libvirtd processes on this machine (another
        // host's test daemons, someone else's) are never signalled.
        int pid = await ReadPidAsync();
        await RunAsync("kill", "-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var deadline = DateTime.UtcNow + timeout;
        while (Directory.Exists($"/proc/{pid}"))
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

    private static async Task<int> ReadPidAsync()
    {
        const string PidFile = "/run/libvirtd.pid";
        string text = (await File.ReadAllTextAsync(PidFile)).Trim();
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pid)
            || (await File.ReadAllTextAsync($"/proc/{pid}/comm")).Trim() != "libvirtd")
        {
            throw new InvalidOperationException($"{PidFile} does not name a running libvirtd ('{text}')");
        }

        return pid;
    }

    private static async Task<int> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };

        // The restarted daemon is the host's, not this test run's: the run's cleanup must not stop it.
        start.Environment.Remove("WEBVIRT_TEST_RUN_ID");
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
