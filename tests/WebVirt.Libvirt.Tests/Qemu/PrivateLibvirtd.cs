using System.Diagnostics;
using WebVirt.Testing;

namespace WebVirt.Libvirt.Tests.Qemu;

// A libvirtd started by the test itself, unprivileged (user nobody) in a temp directory, so a
// test can kill and restart "the daemon" without disturbing the host's libvirtd and the guests
// other tests and engineers run on it. Its test driver (test+unix:///default) gives events over
// the same remote protocol qemu:///system uses.
internal sealed class PrivateLibvirtd : IAsyncDisposable
{
    private const string User = "nobody";
    private const string Group = "nogroup";

    private readonly string _root;
    private Process? _process;

    private PrivateLibvirtd(string root)
    {
        _root = root;
    }

    public string SocketPath => Path.Combine(_root, "run", "libvirt", "libvirt-sock");

    public string TestDriverUri => $"test+unix:///default?socket={SocketPath}";

    public int? ProcessId => _process is { HasExited: false } ? _process.Id : null;

    public static async Task<PrivateLibvirtd> StartAsync()
    {
        string root = Path.Combine(Path.GetTempPath(), $"webvirt-libvirtd-{TestRun.Id}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(root);
        File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherExecute);
        foreach (string dir in new[] { "home", "run", "config", "cache" })
        {
            Directory.CreateDirectory(Path.Combine(root, dir));
        }

        await RunAsync("chown", "-R", $"{User}:{Group}", Path.Combine(root, "home"), Path.Combine(root, "run"), Path.Combine(root, "config"), Path.Combine(root, "cache"));
        var daemon = new PrivateLibvirtd(root);
        await daemon.RestartAsync();
        return daemon;
    }

    public async Task RestartAsync()
    {
        if (ProcessId is not null)
        {
            throw new InvalidOperationException("the private libvirtd is still running");
        }

        var start = new ProcessStartInfo("setpriv") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { $"--reuid={User}", $"--regid={Group}", "--clear-groups", "libvirtd" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin";
        start.Environment["HOME"] = Path.Combine(_root, "home");
        start.Environment["XDG_RUNTIME_DIR"] = Path.Combine(_root, "run");
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(_root, "config");
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(_root, "cache");
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start libvirtd");

        // Drain its log output so a full pipe never blocks the daemon.
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilAcceptingAsync(TimeSpan.FromSeconds(30));
    }

    // SIGTERM, as `pkill libvirtd` would send, to this daemon's pid only.
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        await RunAsync("kill", "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private async Task WaitUntilAcceptingAsync(TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"libvirtd exited with {_process.ExitCode} during start-up");
            }

            if (File.Exists(SocketPath))
            {
                try
                {
                    using LibvirtConnection probe = LibvirtConnection.Open(TestDriverUri);
                    return;
                }
                catch (LibvirtException) when (DateTime.UtcNow < deadline)
                {
                    // Socket file present but the daemon is not accepting yet.
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"libvirtd did not accept connections on {SocketPath} within {timeout}");
            }

            await Task.Delay(100);
        }
    }

    private static async Task RunAsync(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} exited with {process.ExitCode}: {error}");
        }
    }
}
