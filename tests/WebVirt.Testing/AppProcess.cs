using System.Diagnostics;

namespace WebVirt.Testing;

/// <summary>
/// One WebVirt process (agent or web) started from the solution's build output, as an installation
/// runs it, with its output kept in a log file under the artifacts folder for failed runs.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private AppProcess(Process process, StreamWriter log, string logPath)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once <see cref="HasExited"/>, for tests of refused starts.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Waits for the process to end and for its last output to reach the log: <see cref="HasExited"/>
    /// turns true before the final lines (the reason a start was refused) are read from the pipe.
    /// </summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The process did not exit within {timeout}. Log:\n{ReadLog()}");
        }

        return _process.ExitCode;
    }

    /// <summary>The operating system's process id, for reading /proc/&lt;pid&gt;/status (peak memory) in tests.</summary>
    public int Pid => _process.Id;

    /// <summary>SIGKILL, as a crash or an operator's kill -9: the process gets no chance to clean up.</summary>
    public void KillHard() => _process.Kill(entireProcessTree: false);

    public static AppProcess Start(string project, IReadOnlyDictionary<string, string> environment, params IReadOnlyList<string> arguments)
    {
        var dll = FindBuildOutput(project);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        return Launch(project, start, environment, arguments);
    }

    /// <summary>A published program that runs by itself (a Native AOT agent), from its own folder.</summary>
    public static AppProcess StartExecutable(string path, IReadOnlyDictionary<string, string> environment, params IReadOnlyList<string> arguments) =>
        Launch(Path.GetFileName(path), new ProcessStartInfo(path) { WorkingDirectory = Path.GetDirectoryName(path)! }, environment, arguments);

    private static AppProcess Launch(string name, ProcessStartInfo start, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> arguments)
    {
        var logDirectory = Path.Combine(TestArtifacts.Directory, "logs");
        System.IO.Directory.CreateDirectory(logDirectory);
        var logPath = Path.Combine(logDirectory, $"{name}-{DateTime.UtcNow:HHmmss}-{Guid.NewGuid().ToString("N")[..6]}.log");

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new AppProcess(process, log, logPath);
    }

    public string ReadLog()
    {
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>
    /// Waits for a line the process writes after something a test can already see (a served
    /// certificate, an answered request): its output reaches the log through a pipe, a moment later.
    /// </summary>
    public async Task<string> WaitForLogAsync(string text, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        string log;
        while (!(log = ReadLog()).Contains(text, StringComparison.Ordinal))
        {
            try
            {
                await Task.Delay(50, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                return ReadLog();
            }
        }

        return log;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (log.BaseStream.CanWrite)
            {
                log.WriteLine(line);
            }
        }
    }

    private static string FindBuildOutput(string project)
    {
        var bin = System.IO.Path.Combine(RepositoryRoot.Find(), "src", project, "bin");
        var dll = Directory.Exists(bin)
            ? Directory.EnumerateFiles(bin, project + ".dll", SearchOption.AllDirectories)
                .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}publish{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                // The package build leaves self-contained builds for a runtime (linux-x64, linux-arm64)
                // beside the portable one; those are not started with dotnet, and arm64 not here at all.
                .Where(p => !Path.GetFileName(Path.GetDirectoryName(p)!).Contains('-', StringComparison.Ordinal))
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault()
            : null;
        if (dll is null)
        {
            throw new InvalidOperationException($"{project} is not built: run 'dotnet build WebVirt.sln' first.");
        }

        // A test would otherwise run the program as it was at its last build, not as the sources say.
        if (BuildFreshness.StaleReason(System.IO.Path.Combine(RepositoryRoot.Find(), "src", project, project + ".csproj"), Path.GetDirectoryName(dll)!) is { } stale)
        {
            throw new InvalidOperationException($"{project}'s build is older than its sources ({stale}): run 'dotnet build src/{project}' first.");
        }

        return dll;
    }
}
