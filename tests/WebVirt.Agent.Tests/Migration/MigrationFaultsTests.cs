using System.Diagnostics;
using WebVirt.Contracts;
using Xunit.Abstractions;

namespace WebVirt.Agent.Tests.Migration;

/// <summary>
/// What a migration leaves when a host's part of it dies midway (the migration throttled to 1 MiB/s,
/// so it is still copying memory when the fault comes): the destination's agent, the destination's
/// libvirtd, or the source's agent is killed. Each ends with the guest still running on the source
/// (its uptime counting on), its disk intact, nothing of it on the destination, and a task that ends
/// with a reason; once the dead part is back, the same guest migrates to the same host.
/// </summary>
[Trait("Category", "Qemu")]
[Collection(ExtraHostsCollection.Name)]
public sealed class MigrationFaultsTests(MigrationFaultsFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan s_faultLimit = TimeSpan.FromSeconds(45);

    [ExtraHostsFact]
    public async Task A_destination_agent_killed_midway_leaves_the_guest_running_on_the_source()
    {
        await using var run = await SlowMigration.StartAsync(fixture, "dest-agent", fixture.F);
        var watch = Stopwatch.StartNew();

        await fixture.F.KillAsync();
        var task = await fixture.A.WaitForEndAsync(run.TaskId, s_faultLimit);
        output.WriteLine($"the task ended {watch.Elapsed.TotalSeconds:F1} s after the kill: {task.Error} | {string.Join(" | ", task.Log)}");

        Assert.Equal(AgentTaskState.Failed, task.State);
        Assert.Equal(ErrorCodes.TaskFailedMigration, task.Error!.Code);
        Assert.Equal([ErrorCodes.MigrationDestinationLost, fixture.F.HostId], [task.Error.Cause!.Code, .. task.Error.Cause.Args]);
        await run.AssertStillOnSourceAsync();
        await fixture.F.RestartAsync();
        await run.AssertStillOnSourceAsync();
        await run.MigrateAgainAsync(output);
    }

    [ExtraHostsFact]
    public async Task A_destination_libvirtd_killed_midway_leaves_the_guest_running_on_the_source()
    {
        await using var run = await SlowMigration.StartAsync(fixture, "dest-libvirtd", fixture.F);
        var watch = Stopwatch.StartNew();

        await HostDaemon.KillLibvirtdAsync(MigrationFaultsFixture.HostF);
        AgentTaskInfo task;
        try
        {
            task = await fixture.A.WaitForEndAsync(run.TaskId, s_faultLimit);
            output.WriteLine($"the task ended {watch.Elapsed.TotalSeconds:F1} s after the kill: {task.Error} | {string.Join(" | ", task.Log)}");
            Assert.Equal(AgentTaskState.Failed, task.State);
            Assert.Equal(ErrorCodes.TaskFailedMigration, task.Error!.Code);
            Assert.Equal([ErrorCodes.MigrationDestinationLost, fixture.F.HostId], [task.Error.Cause!.Code, .. task.Error.Cause.Args]);
            await run.AssertStillOnSourceAsync(destinationReachable: false);
        }
        finally
        {
            await HostDaemon.StartLibvirtdAsync(MigrationFaultsFixture.HostF);
        }

        // The restarted libvirtd finds the half-received guest's QEMU and ends it.
        await run.AssertStillOnSourceAsync();
        await run.MigrateAgainAsync(output);
    }

    [ExtraHostsFact]
    public async Task A_source_agent_killed_midway_leaves_the_guest_running_on_the_source_and_its_task_interrupted()
    {
        await using var run = await SlowMigration.StartAsync(fixture, "src-agent", fixture.F);

        await fixture.A.KillAsync();
        await run.AssertStillOnSourceAsync();
        await fixture.A.RestartAsync();
        var task = await fixture.A.WaitForEndAsync(run.TaskId, s_faultLimit);
        output.WriteLine($"after the restart: {task.State} {task.Error} | {string.Join(" | ", task.Log)}");

        Assert.Equal(AgentTaskState.Interrupted, task.State);
        Assert.Equal(ErrorCodes.TaskInterrupted, task.Error!.Code);
        Assert.NotNull(task.FinishedAt);
        await run.AssertStillOnSourceAsync();
        await run.MigrateAgainAsync(output);
    }
}
