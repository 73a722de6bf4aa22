using System.Diagnostics;
using System.Xml.Linq;
using Microsoft.AspNetCore.SignalR.Client;
using WebVirt.Contracts;
using WebVirt.Libvirt;
using WebVirt.Testing;
using Xunit.Abstractions;

namespace WebVirt.Agent.Tests.Migration;

/// <summary>
/// Migrations as the console asks for them, agent to agent between two real hosts: the destination
/// is granted the migration, the source runs it as a task with every stream (libvirt's control
/// connection, QEMU's memory and disk streams) carried through the agents' pinned TLS tunnel.
/// The guest keeps running (its serial log keeps counting uptime) and runs on exactly one host.
/// </summary>
[Trait("Category", "Qemu")]
[Collection(ExtraHostsCollection.Name)]
public sealed class AgentMigrationTests(AgentMigrationFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan s_migrationLimit = TimeSpan.FromMinutes(3);

    private MigrationAgent Source => fixture.Source;

    private MigrationAgent Destination => fixture.Destination;

    [ExtraHostsFact]
    public async Task A_running_guest_on_shared_storage_moves_live_and_keeps_running()
    {
        var guest = await fixture.PrepareSharedGuestAsync("live-shared");
        using var a = LibvirtConnection.Open(AgentMigrationFixture.SystemUri);
        var uuid = await guest.BootAsync(a);

        var task = await MigrateAsync(uuid, live: true, copy: false, "live, shared storage");

        Assert.Equal(AgentTaskState.Succeeded, task.State);
        AssertOnlyOnDestination(a, guest.Name, running: true);
        await guest.WaitForNextTickAsync();

        // The destination's resume was said as it happened, before libvirt's confirm step on this host ended the call.
        var codes = task.Log.Select(l => l.Text.Code).ToList();
        Assert.True(task.Migration is { Arrived: true }, "the task never said the guest runs on the destination");
        Assert.InRange(codes.IndexOf(ErrorCodes.TaskMigrationArrived), 0, codes.IndexOf(ErrorCodes.TaskMigrationConfirmed) - 1);
    }

    [ExtraHostsFact]
    public async Task A_running_guest_on_local_storage_moves_live_with_its_disk_copied_into_the_destination_pool()
    {
        var guest = await fixture.PrepareLocalGuestAsync("live-copy");
        using var a = LibvirtConnection.Open(AgentMigrationFixture.SystemUri);
        var uuid = await guest.BootAsync(a);

        var task = await MigrateAsync(uuid, live: true, copy: true, "live, disk copied");

        Assert.Equal(AgentTaskState.Succeeded, task.State);
        AssertOnlyOnDestination(a, guest.Name, running: true);
        await guest.WaitForNextTickAsync();
        var volume = Path.GetFileName(guest.DiskPath);
        using (var m = LibvirtConnection.Open(AgentMigrationFixture.DestinationUri))
        using (var moved = m.LookupDomainByName(guest.Name))
        {
            // The destination pool's path, not the source's: the definition follows the copy.
            Assert.Contains($"file='{Path.Combine(LibvirtHosts.LocalDirectory, volume)}'", moved.GetXmlDesc(), StringComparison.Ordinal);
        }

        Assert.True(File.Exists(Path.Combine(LibvirtHosts.LocalDirectoryOf(AgentMigrationFixture.DestinationHost), volume)), "the copy is not in the destination pool");
        Assert.False(File.Exists(guest.DiskPath), "the source's disk was kept after the destination confirmed the guest");
        Assert.Contains(task.Log, l => l.Text.Code == ErrorCodes.TaskMigrationSourceDiskRemoved);
    }

    [ExtraHostsFact]
    public async Task A_shut_off_guest_moves_offline()
    {
        var guest = await fixture.PrepareSharedGuestAsync("offline");
        using var a = LibvirtConnection.Open(AgentMigrationFixture.SystemUri);
        var uuid = guest.Define(a);

        var task = await MigrateAsync(uuid, live: false, copy: false, "offline");

        Assert.Equal(AgentTaskState.Succeeded, task.State);
        AssertOnlyOnDestination(a, guest.Name, running: false);
        Assert.DoesNotContain(task.Log, l => l.Text.Code == ErrorCodes.TaskMigrationArrived);
    }

    [ExtraHostsFact]
    public async Task A_cancelled_migration_leaves_the_guest_running_on_the_source()
    {
        var guest = await fixture.PrepareSharedGuestAsync("cancel");
        using var a = LibvirtConnection.Open(AgentMigrationFixture.SystemUri);
        var uuid = await guest.BootAsync(a);
        var destination = await Destination.GrantAsync();

        // 1 MiB/s: the 90 MiB the guest sends would take a minute and a half, time to cancel midway.
        var started = await Source.MigrateAsync(new MigrationRequest(uuid, destination, Live: true, CopyStorage: false, null, BandwidthMiBps: 1, "tester", Shared));
        Assert.True(started.Ok, $"refused: {started.Error}");
        var watch = Stopwatch.StartNew();
        AgentTaskInfo running;
        while (true)
        {
            running = await Source.TaskAsync(started.TaskId!);
            Assert.Equal(AgentTaskState.Running, running.State);
            if (running.Migration is { DataProcessed: > 0 })
            {
                break;
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), "no migration progress within a minute");
            await Task.Delay(200);
        }

        Assert.True(running.Cancellable);
        Assert.True(running.Migration.DataTotal >= running.Migration.DataProcessed && running.Migration.DataRemaining > 0, $"odd progress {running.Migration}");
        var before = guest.LastTick();
        var cancel = await Source.Hub.InvokeAsync<ActionResult>(nameof(IAgentHub.RequestTaskCancel), started.TaskId);
        Assert.True(cancel.Ok);
        var ended = await Source.WaitForEndAsync(started.TaskId!, s_migrationLimit);
        output.WriteLine($"cancelled after {running.Migration.DataProcessed / 1024 / 1024} MiB of {running.Migration.DataTotal / 1024 / 1024} MiB; the task ended {watch.Elapsed.TotalSeconds:F1} s after it started");

        Assert.Equal(AgentTaskState.Cancelled, ended.State);
        Assert.Equal(ErrorCodes.TaskMigrationCancelled, ended.Error!.Code);
        using (var onA = a.LookupDomainByName(guest.Name))
        {
            Assert.Equal(DomainState.Running, onA.GetState().State);
        }

        AssertAbsent(AgentMigrationFixture.DestinationUri, guest.Name);
        await guest.WaitForTickAfterAsync(before);
    }

    [ExtraHostsFact]
    public async Task A_destination_that_cannot_run_the_guests_cpu_is_refused_before_anything_starts()
    {
        var guest = await fixture.PrepareSharedGuestAsync("cpu");
        var xml = XElement.Parse(guest.Xml);
        xml.Element("vcpu")!.AddAfterSelf(XElement.Parse("<cpu mode='custom' match='exact'><model fallback='forbid'>Icelake-Server</model></cpu>"));
        using var a = LibvirtConnection.Open(AgentMigrationFixture.SystemUri);
        string uuid;
        using (var defined = a.DefineDomainXml(xml.ToString()))
        {
            uuid = defined.Uuid;
        }

        var result = await Source.MigrateAsync(new MigrationRequest(uuid, await Destination.GrantAsync(), Live: false, CopyStorage: false, null, 0, "tester", Shared));

        Assert.False(result.Ok);
        Assert.Equal(ErrorCodes.MigrationCpuIncompatible, result.Error!.Code);
        Assert.Equal(["Icelake-Server", Destination.HostId], result.Error.Args);
        AssertStaysOnSource(a, guest.Name);
    }

    [ExtraHostsFact]
    public async Task A_missing_or_impostor_destination_or_an_ungranted_migration_is_refused()
    {
        var guest = await fixture.PrepareSharedGuestAsync("refused");
        using var a = LibvirtConnection.Open(AgentMigrationFixture.SystemUri);
        var uuid = guest.Define(a);
        var granted = await Destination.GrantAsync();

        var nobody = await Source.MigrateAsync(Offline(uuid, granted with { AgentUrl = $"https://127.0.0.1:{FreePort.Next()}" }));
        var impostor = await Source.MigrateAsync(Offline(uuid, granted with { CertificateSha256 = new string('a', 64) }));
        var ungranted = await Source.MigrateAsync(Offline(uuid, granted with { Token = new string('x', 64) }));
        var live = await Source.MigrateAsync(new MigrationRequest(uuid, granted, Live: true, CopyStorage: false, null, 0, "tester", Shared));
        var badRequest = await Source.MigrateAsync(Offline(uuid, granted with { ListenAddress = "0.0.0.0" }));

        Assert.Equal(ErrorCodes.MigrationDestinationUnreachable, nobody.Error!.Code);
        Assert.Equal(ErrorCodes.MigrationDestinationUnreachable, impostor.Error!.Code);
        Assert.Equal(ErrorCodes.MigrationGrantUnknown, ungranted.Error!.Code);
        Assert.Equal(ErrorCodes.MigrationNotRunning, live.Error!.Code);
        Assert.Equal([ErrorCodes.MigrationRequestInvalid, "ListenAddress"], [badRequest.Error!.Code, .. badRequest.Error.Args]);
        AssertStaysOnSource(a, guest.Name);

        // The grant itself is still unused: the real migration with it works, and it serves no second one.
        var task = await Source.WaitForEndAsync((await Source.MigrateAsync(Offline(uuid, granted))).TaskId!, s_migrationLimit);
        Assert.Equal(AgentTaskState.Succeeded, task.State);
        var other = await fixture.PrepareSharedGuestAsync("refused-other");
        var reused = await Source.MigrateAsync(Offline(other.Define(a), granted));
        Assert.Equal(ErrorCodes.MigrationGrantUnknown, reused.Error!.Code);
        AssertStaysOnSource(a, other.Name);
    }

    private IReadOnlyList<string> Shared => [fixture.SharedPool];

    private MigrationRequest Offline(string uuid, MigrationDestination destination) =>
        new(uuid, destination, Live: false, CopyStorage: false, null, 0, "tester", Shared);

    private async Task<AgentTaskInfo> MigrateAsync(string uuid, bool live, bool copy, string what)
    {
        var watch = Stopwatch.StartNew();
        var destination = await Destination.GrantAsync();
        var started = await Source.MigrateAsync(new MigrationRequest(uuid, destination, live, copy, copy ? LibvirtHosts.LocalPool : null, 0, "tester", Shared));
        Assert.True(started.Ok, $"refused: {started.Error}");
        var seen = new List<AgentTaskInfo>();
        var task = await Source.WaitForEndAsync(started.TaskId!, s_migrationLimit, seen);
        var progress = seen.Select(t => t.Migration).LastOrDefault(p => p is not null);
        output.WriteLine(
            $"MIGRATION {what}: {watch.Elapsed.TotalSeconds:F2} s from the request to the task's end "
            + $"(task {(task.FinishedAt - task.StartedAt)?.TotalSeconds:F2} s); last progress seen: {progress}");
        output.WriteLine(string.Join("\n", task.Log));
        return task;
    }

    private static void AssertOnlyOnDestination(LibvirtConnection a, string name, bool running)
    {
        AssertAbsent(AgentMigrationFixture.SystemUri, name);
        using var m = LibvirtConnection.Open(AgentMigrationFixture.DestinationUri);
        using var moved = m.LookupDomainByName(name);
        Assert.True(moved.IsPersistent(), "the guest is not defined on the destination");
        Assert.Equal(running ? DomainState.Running : DomainState.Shutoff, moved.GetState().State);
    }

    private static void AssertStaysOnSource(LibvirtConnection a, string name)
    {
        using (var kept = a.LookupDomainByName(name))
        {
            Assert.True(kept.IsPersistent());
        }

        AssertAbsent(AgentMigrationFixture.DestinationUri, name);
    }

    private static void AssertAbsent(string uri, string name)
    {
        using var connection = LibvirtConnection.Open(uri);
        var error = Assert.Throws<LibvirtException>(() => connection.LookupDomainByName(name).Dispose());
        Assert.Equal(LibvirtErrorCodes.NoDomain, error.Code);
    }
}
