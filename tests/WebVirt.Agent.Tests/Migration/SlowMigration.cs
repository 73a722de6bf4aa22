using System.Diagnostics;
using WebVirt.Contracts;
using WebVirt.Libvirt;
using WebVirt.Testing;
using Xunit.Abstractions;

namespace WebVirt.Agent.Tests.Migration;

/// <summary>
/// A test guest booted on host A and a live migration of it to a destination agent, throttled to
/// 1 MiB/s (the guest sends about 90 MiB) and under way: the moment to kill something. Disposing
/// removes the guest from every host of the fixture, whatever state the test left it in.
/// </summary>
internal sealed class SlowMigration : IAsyncDisposable
{
    private static readonly TimeSpan s_settleLimit = TimeSpan.FromSeconds(30);

    private readonly MigrationFaultsFixture _fixture;
    private readonly MigrationAgent _destination;

    private SlowMigration(MigrationFaultsFixture fixture, MigrationAgent destination, AgentMigrationGuest guest)
    {
        _fixture = fixture;
        _destination = destination;
        Guest = guest;
    }

    public AgentMigrationGuest Guest { get; }

    public string Uuid { get; private set; } = "";

    public string TaskId { get; private set; } = "";

    /// <summary>The guest's uptime when the migration was seen copying.</summary>
    public double TickBefore { get; private set; }

    public static async Task<SlowMigration> StartAsync(MigrationFaultsFixture fixture, string purpose, MigrationAgent destination)
    {
        var run = new SlowMigration(fixture, destination, await fixture.PrepareGuestAsync(purpose));
        try
        {
            using (var a = LibvirtConnection.Open(MigrationFaultsFixture.SystemUri))
            {
                run.Uuid = await run.Guest.BootAsync(a);
            }

            var granted = await destination.GrantAsync();
            var started = await fixture.A.MigrateAsync(new MigrationRequest(run.Uuid, granted, Live: true, CopyStorage: false, null, BandwidthMiBps: 1, "tester", fixture.Shared));
            Assert.True(started.Ok, $"refused: {started.Error}");
            run.TaskId = started.TaskId!;
            var watch = Stopwatch.StartNew();
            while (true)
            {
                var running = await fixture.A.TaskAsync(run.TaskId);
                Assert.True(running.State == AgentTaskState.Running, $"the migration ended before the fault: {running.Error} | {string.Join(" | ", running.Log)}");
                if (running.Migration is { DataProcessed: > 0 } progress && progress.DataRemaining > 0)
                {
                    break;
                }

                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), "no migration progress within a minute");
                await Task.Delay(200);
            }

            run.TickBefore = run.Guest.LastTick();
            return run;
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The guest runs on host A only (defined there, running, not paused), counts on from before the
    /// fault, its disk is a sound image, and no other host has a guest of its name, running, paused
    /// or defined (host f is not asked while its libvirtd is down). Waits a little for libvirt to settle (a cancelled migration resumes the source).
    /// </summary>
    public async Task AssertStillOnSourceAsync(bool destinationReachable = true)
    {
        var deadline = DateTime.UtcNow + s_settleLimit;
        string where;
        while ((where = Where(_fixture, Guest.Name, reachF: destinationReachable)) != "A: running" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.Equal("A: running", where);
        TickBefore = await Guest.WaitForTickAfterAsync(TickBefore);
        var check = await QemuImgCheckAsync(Guest.DiskPath);
        Assert.True(check.ExitCode == 0, $"the disk is not sound: {check.Output}");
    }

    /// <summary>Once the fault is over, the same migration at full speed works and the guest runs on the destination only.</summary>
    public async Task MigrateAgainAsync(ITestOutputHelper output)
    {
        var watch = Stopwatch.StartNew();
        var started = await _fixture.A.MigrateAsync(new MigrationRequest(Uuid, await _destination.GrantAsync(), Live: true, CopyStorage: false, null, 0, "tester", _fixture.Shared));
        Assert.True(started.Ok, $"refused: {started.Error}");
        var task = await _fixture.A.WaitForEndAsync(started.TaskId!, TimeSpan.FromMinutes(2));
        output.WriteLine($"migrated again in {watch.Elapsed.TotalSeconds:F1} s: {task.State} {task.Error}");
        Assert.Equal(AgentTaskState.Succeeded, task.State);
        Assert.Equal($"{_destination.HostId[^1]}: running", Where(_fixture, Guest.Name));
        await Guest.WaitForTickAfterAsync(TickBefore);
    }

    public ValueTask DisposeAsync()
    {
        foreach (var uri in new[] { MigrationFaultsFixture.SystemUri, _fixture.F.LibvirtUri, _fixture.G.LibvirtUri })
        {
            try
            {
                TestGuestCleaner.RemoveRunGuests(uri, prefix: Guest.Name);
            }
            catch (LibvirtException)
            {
                // That host's libvirtd is down (a failed restart): the fixture's down.sh ends its QEMUs.
            }
        }

        File.Delete(Guest.DiskPath);
        return ValueTask.CompletedTask;
    }

    /// <summary>"host: state" for every host that has the guest ("A", "f", "g"; a transient guest says so), "nowhere" if none.</summary>
    public static string Where(MigrationFaultsFixture fixture, string name, bool reachF = true)
    {
        var found = new List<string>();
        foreach (var (label, uri) in new[] { ("A", MigrationFaultsFixture.SystemUri), ("f", fixture.F.LibvirtUri), ("g", fixture.G.LibvirtUri) })
        {
            if (label == "f" && !reachF)
            {
                continue;
            }

            using var connection = LibvirtConnection.Open(uri);
            foreach (var domain in connection.ListAllDomains())
            {
                using (domain)
                {
                    if (domain.Name == name)
                    {
                        found.Add($"{label}: {domain.GetState().State.ToString().ToLowerInvariant()}{(domain.IsPersistent() ? "" : " (transient)")}");
                    }
                }
            }
        }

        return found.Count == 0 ? "nowhere" : string.Join(", ", found);
    }

    private static async Task<(int ExitCode, string Output)> QemuImgCheckAsync(string path)
    {
        // -U: the guest still has the image open; a check that reads it is what a second look at a disk in use can be.
        var start = new ProcessStartInfo("qemu-img") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "check", "-U", path })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (process.ExitCode, await stdout + await stderr);
    }
}
