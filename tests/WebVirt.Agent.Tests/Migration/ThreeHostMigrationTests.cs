using System.Diagnostics;
using WebVirt.Contracts;
using WebVirt.Testing;
using Xunit.Abstractions;

namespace WebVirt.Agent.Tests.Migration;

/// <summary>
/// Three hosts on one machine: a running guest moves live A → f → g → A, each time by the agent of
/// the host it runs on, and after each move it runs (defined, not paused) on exactly that host while
/// its uptime counts on, so the same kernel ran through all three.
/// </summary>
[Trait("Category", "Qemu")]
[Collection(ExtraHostsCollection.Name)]
public sealed class ThreeHostMigrationTests(MigrationFaultsFixture fixture, ITestOutputHelper output)
{
    [ExtraHostsFact]
    public async Task A_running_guest_moves_live_round_three_hosts_and_keeps_running()
    {
        var guest = await fixture.PrepareGuestAsync("round");
        try
        {
            string uuid;
            using (var a = LibvirtConnection.Open(MigrationFaultsFixture.SystemUri))
            {
                uuid = await guest.BootAsync(a);
            }

            var tick = guest.LastTick();
            foreach (var (from, to, label) in new[] { (fixture.A, fixture.F, "f"), (fixture.F, fixture.G, "g"), (fixture.G, fixture.A, "A") })
            {
                var watch = Stopwatch.StartNew();
                var started = await from.MigrateAsync(new MigrationRequest(uuid, await to.GrantAsync(), Live: true, CopyStorage: false, null, 0, "tester", fixture.Shared));
                Assert.True(started.Ok, $"{from.HostId} refused: {started.Error}");
                var task = await from.WaitForEndAsync(started.TaskId!, TimeSpan.FromMinutes(2));
                output.WriteLine($"{from.HostId} → {to.HostId}: {task.State} in {watch.Elapsed.TotalSeconds:F1} s {task.Error}");

                Assert.Equal(AgentTaskState.Succeeded, task.State);
                Assert.Equal($"{label}: running", SlowMigration.Where(fixture, guest.Name));
                tick = await guest.WaitForNextTickAsync();
            }

            output.WriteLine($"uptime after three moves: {tick:F1} s");
        }
        finally
        {
            foreach (var uri in new[] { MigrationFaultsFixture.SystemUri, fixture.F.LibvirtUri, fixture.G.LibvirtUri })
            {
                TestGuestCleaner.RemoveRunGuests(uri, prefix: guest.Name);
            }

            File.Delete(guest.DiskPath);
        }
    }
}
