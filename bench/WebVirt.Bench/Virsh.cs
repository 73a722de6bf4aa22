using System.Diagnostics;

namespace WebVirt.Bench;

/// <summary>Runs `virsh` as a user would, noting when it was spawned (wall clock, as the browser's) and how long it took to return.</summary>
internal static class Virsh
{
    public sealed record Run(double SpawnedAtEpochMs, double ReturnedAtEpochMs)
    {
        public double ReturnMs => ReturnedAtEpochMs - SpawnedAtEpochMs;
    }

    /// <summary>Milliseconds since 1970 on the wall clock, which the browser's performance.timeOrigin + now() also counts in.</summary>
    public static double NowEpochMs() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;

    public static async Task<Run> RunAsync(string uri, params string[] args)
    {
        var start = new ProcessStartInfo("virsh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(uri);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var spawned = NowEpochMs();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("virsh did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var returned = NowEpochMs();
        await output;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"virsh {string.Join(' ', args)} failed: {(await error).Trim()}");
        }

        return new Run(spawned, returned);
    }
}
