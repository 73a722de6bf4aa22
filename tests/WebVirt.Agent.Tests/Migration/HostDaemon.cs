using System.Diagnostics;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests.Migration;

/// <summary>
/// The libvirtd of an extra host (deploy/tests/libvirt-hosts), killed and started again as a crashed
/// and restarted daemon: only by its pid file, after checking the process's own name
/// (wvt-libvirtd-X), and started again inside the host's mount namespace (the one its virtlogd and
/// QEMUs still live in), where it finds the QEMUs that outlived it.
/// </summary>
internal static class HostDaemon
{
    private const string RunDirectory = "/run/wvt-hosts";

    /// <summary>SIGKILL to host <paramref name="host"/>'s libvirtd; returns once the process is gone.</summary>
    public static async Task KillLibvirtdAsync(string host)
    {
        var pid = Pid(host, "libvirtd") ?? throw new InvalidOperationException($"host {host}'s libvirtd is not running");
        using var process = Process.GetProcessById(pid);
        process.Kill();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Starts host <paramref name="host"/>'s libvirtd again in its namespace and waits until it answers.</summary>
    public static async Task StartLibvirtdAsync(string host)
    {
        var virtlogd = Pid(host, "virtlogd") ?? throw new InvalidOperationException($"host {host}'s virtlogd is not running: its namespace is gone");
        var start = new ProcessStartInfo("nsenter") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { $"--mount=/proc/{virtlogd}/ns/mnt", "--", $"{RunDirectory}/bin/wvt-libvirtd-{host}", "--daemon", "--pid-file", $"{RunDirectory}/{host}/libvirtd.pid" })
        {
            start.ArgumentList.Add(argument);
        }

        using (var nsenter = Process.Start(start)!)
        {
            var errors = nsenter.StandardError.ReadToEndAsync();
            await nsenter.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(nsenter.ExitCode == 0, $"host {host}'s libvirtd did not start: {await errors}");
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                using var connection = LibvirtConnection.Open(LibvirtHosts.Uri(host));
                return;
            }
            catch (WebVirt.Libvirt.LibvirtException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>The pid in host <paramref name="host"/>'s pid file for <paramref name="daemon"/>, if that process is alive under the daemon's own name.</summary>
    private static int? Pid(string host, string daemon)
    {
        var file = $"{RunDirectory}/{host}/{daemon}.pid";
        if (!File.Exists(file) || !int.TryParse(File.ReadAllText(file).Trim(), out var pid))
        {
            return null;
        }

        var comm = $"/proc/{pid}/comm";
        var expected = $"wvt-{daemon}-{host}";
        return File.Exists(comm) && File.ReadAllText(comm).Trim() == expected[..Math.Min(expected.Length, 15)] ? pid : null;
    }
}
