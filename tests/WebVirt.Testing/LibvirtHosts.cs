using System.Diagnostics;

namespace WebVirt.Testing;

/// <summary>
/// Extra libvirt hosts on this machine for migration tests (deploy/tests/libvirt-hosts): host "b",
/// "c", … is a libvirtd + virtlogd pair of its own in its own mount namespace; the system libvirtd
/// is host A. Needs root. Dispose stops the hosts this object started (by their pid files).
/// </summary>
public sealed class LibvirtHosts : IAsyncDisposable
{
    /// <summary>Seen by every host under this path: disks here are "shared storage" (migrate with MigrationFlags.Unsafe).</summary>
    public const string SharedDirectory = "/var/lib/wvt-shared";

    /// <summary>The same path on every host but another directory each: "local storage".</summary>
    public const string LocalDirectory = "/var/lib/wvt-local";

    /// <summary>The dir pool every extra host has on its LocalDirectory.</summary>
    public const string LocalPool = "wvt-local";

    /// <summary>Host A (the system libvirtd) under a URI that also works inside the extra hosts.</summary>
    public const string SystemUri = "qemu+unix:///system?socket=/run/wvt-hosts/system/libvirt-sock";

    private const string HostsDirectory = "/run/wvt-hosts";
    private const string SystemSocket = "/run/libvirt/libvirt-sock";
    private const string Daemon = "/usr/sbin/libvirtd";

    private readonly string[] _hosts;

    private LibvirtHosts(string[] hosts)
    {
        _hosts = hosts;
    }

    public IReadOnlyList<string> Hosts => _hosts;

    /// <summary>Why the hosts cannot run here, or null when they can.</summary>
    public static string? SkipReason =>
        !Environment.IsPrivilegedProcess ? "the extra libvirt hosts need root"
        : !File.Exists(Daemon) ? $"libvirtd is not installed ({Daemon})"
        : !File.Exists(SystemSocket) ? $"the system libvirtd is not running ({SystemSocket})"
        : null;

    /// <summary>
    /// Host <paramref name="host"/>'s URI, the same from this process and from inside every host, so
    /// it is also the destination URI of a peer-to-peer migration.
    /// </summary>
    public static string Uri(string host) => $"qemu+unix:///system?socket={HostsDirectory}/{host}/libvirt-sock";

    /// <summary>The URIs of every libvirt host running on this machine now: host A's and each extra host's.</summary>
    public static IReadOnlyList<string> RunningUris() =>
        Directory.Exists(HostsDirectory)
            ? Directory.EnumerateDirectories(HostsDirectory)
                .Where(d => File.Exists(Path.Combine(d, "libvirt-sock")))
                .Select(d => Uri(Path.GetFileName(d)))
                .Order(StringComparer.Ordinal)
                .ToArray()
            : [];

    /// <summary>Where host <paramref name="host"/>'s LocalDirectory is, seen from this process.</summary>
    public static string LocalDirectoryOf(string host) => $"/var/lib/wvt-hosts/{host}/local";

    public static async Task<LibvirtHosts> StartAsync(params string[] hosts)
    {
        if (hosts.Length == 0 || hosts.Any(h => h.Length != 1 || h[0] is < 'a' or > 'z'))
        {
            throw new ArgumentException("hosts are single letters a..z", nameof(hosts));
        }

        if (SkipReason is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        var started = new LibvirtHosts(hosts);
        try
        {
            await RunScriptAsync("up.sh", hosts).ConfigureAwait(false);
        }
        catch
        {
            await started.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return started;
    }

    /// <summary>Stops the hosts and removes their files; guests still on them are destroyed with them.</summary>
    public async ValueTask DisposeAsync() => await RunScriptAsync("down.sh", _hosts).ConfigureAwait(false);

    private static async Task RunScriptAsync(string script, string[] hosts)
    {
        string path = Path.Combine(RepositoryRoot.Find(), "deploy", "tests", "libvirt-hosts", script);
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(path);
        foreach (string host in hosts)
        {
            start.ArgumentList.Add(host);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {script}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{script} {string.Join(' ', hosts)} exited with {process.ExitCode}:\n{await stdout.ConfigureAwait(false)}\n{await stderr.ConfigureAwait(false)}");
        }
    }
}
