using WebVirt.Contracts;
using WebVirt.Testing;
using Xunit.Abstractions;

namespace WebVirt.Agent.Tests.Migration;

/// <summary>
/// Which disks a migration leaves in place, between two real hosts: only those on a pool the console
/// marked shared whose path the destination sees. A disk in the shared folder whose pool is not marked
/// is not taken for shared storage; a disk on a marked pool the destination does not have is copied.
/// </summary>
[Trait("Category", "Qemu")]
[Collection(ExtraHostsCollection.Name)]
public sealed class SharedPoolMigrationTests(AgentMigrationFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan s_migrationLimit = TimeSpan.FromMinutes(3);

    [ExtraHostsFact]
    public async Task A_disk_on_a_pool_not_marked_shared_is_not_left_in_place_even_where_both_hosts_see_it()
    {
        var guest = await fixture.PrepareSharedGuestAsync("unmarked");
        using var a = LibvirtConnection.Open(AgentMigrationFixture.SystemUri);
        var uuid = guest.Define(a);

        var unmarked = await fixture.Source.MigrateAsync(new MigrationRequest(uuid, await fixture.Destination.GrantAsync(), Live: false, CopyStorage: false, null, 0, "tester"));

        Assert.Equal([ErrorCodes.MigrationDiskNotShared, guest.DiskPath, fixture.SharedPool], [unmarked.Error!.Code, .. unmarked.Error.Args]);
        using (var kept = a.LookupDomainByName(guest.Name))
        {
            Assert.True(kept.IsPersistent());
        }

        // Marked, the same guest moves offline without a copy: the destination's definition names the same file.
        var started = await fixture.Source.MigrateAsync(new MigrationRequest(uuid, await fixture.Destination.GrantAsync(), Live: false, CopyStorage: false, null, 0, "tester", [fixture.SharedPool]));
        Assert.True(started.Ok, $"refused: {started.Error}");
        var task = await fixture.Source.WaitForEndAsync(started.TaskId!, s_migrationLimit);
        Assert.Equal(AgentTaskState.Succeeded, task.State);
        using var m = LibvirtConnection.Open(AgentMigrationFixture.DestinationUri);
        using var moved = m.LookupDomainByName(guest.Name);
        Assert.Contains($"file='{guest.DiskPath}'", moved.GetXmlDesc(), StringComparison.Ordinal);
        Assert.True(File.Exists(guest.DiskPath));
    }

    [ExtraHostsFact]
    public async Task A_disk_on_a_marked_pool_the_destination_does_not_have_is_copied_and_the_task_says_why()
    {
        var guest = await fixture.PrepareLocalGuestAsync("marked-local");
        using var a = LibvirtConnection.Open(AgentMigrationFixture.SystemUri);
        var uuid = await guest.BootAsync(a);

        var started = await fixture.Source.MigrateAsync(new MigrationRequest(
            uuid, await fixture.Destination.GrantAsync(), Live: true, CopyStorage: true, LibvirtHosts.LocalPool, 0, "tester", [fixture.SourcePool, fixture.SharedPool]));
        Assert.True(started.Ok, $"refused: {started.Error}");
        var task = await fixture.Source.WaitForEndAsync(started.TaskId!, s_migrationLimit);
        output.WriteLine(string.Join("\n", task.Log));

        Assert.Equal(AgentTaskState.Succeeded, task.State);
        Assert.Contains(task.Log, e => e.Text.Code == ErrorCodes.TaskMigrationSharedPathMissing && e.Text.Args.SequenceEqual([guest.DiskPath, fixture.SourcePool]));
        var volume = Path.GetFileName(guest.DiskPath);
        Assert.True(File.Exists(Path.Combine(LibvirtHosts.LocalDirectoryOf(AgentMigrationFixture.DestinationHost), volume)), "the copy is not in the destination pool");
    }
}
