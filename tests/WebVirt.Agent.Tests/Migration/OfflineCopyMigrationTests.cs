using System.Diagnostics;
using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.SignalR.Client;
using WebVirt.Contracts;
using WebVirt.Libvirt;
using WebVirt.Testing;
using Xunit.Abstractions;

namespace WebVirt.Agent.Tests.Migration;

/// <summary>
/// Offline migration of a shut-off guest whose disks are on a pool not shared between hosts: the
/// source agent copies each volume into the destination pool through the tunnel's libvirt connection
/// (the qcow2 system disk as its file, a raw data disk as a sparse stream), then libvirt moves the
/// definition, which names the new paths. A cancel midway and a name already taken in the destination
/// pool leave the guest defined on the source only and nothing of it on the destination.
/// </summary>
[Trait("Category", "Qemu")]
[Collection(ExtraHostsCollection.Name)]
public sealed class OfflineCopyMigrationTests(AgentMigrationFixture fixture, ITestOutputHelper output)
{
    private const long MiB = 1024 * 1024;
    private static readonly TimeSpan s_migrationLimit = TimeSpan.FromMinutes(3);

    private static string DestinationDirectory => LibvirtHosts.LocalDirectoryOf(AgentMigrationFixture.DestinationHost);

    [ExtraHostsFact]
    public async Task A_shut_off_guest_on_an_unshared_pool_moves_offline_with_identical_disks_and_boots_on_the_destination()
    {
        var guest = await fixture.PrepareLocalGuestAsync("offline-copy");
        using var a = LibvirtConnection.Open(AgentMigrationFixture.SystemUri);
        var data = MakeDataDisk(a, guest.Name + "-data.raw", 64 * MiB, dataAt: 20 * MiB, dataLength: 3 * MiB);
        var uuid = DefineWith(a, guest, data);
        var sums = new[] { guest.DiskPath, data }.ToDictionary(p => Path.GetFileName(p)!, Sha256);

        var started = await fixture.Source.MigrateAsync(Request(uuid, await fixture.Destination.GrantAsync(), bandwidth: 0));
        Assert.True(started.Ok, $"refused: {started.Error}");
        var seen = new List<AgentTaskInfo>();
        var watch = Stopwatch.StartNew();
        var task = await fixture.Source.WaitForEndAsync(started.TaskId!, s_migrationLimit, seen);
        output.WriteLine($"MIGRATION offline, disks copied: {watch.Elapsed.TotalSeconds:F2} s; last progress seen: {seen.Select(t => t.Migration).LastOrDefault(p => p is not null)}");
        output.WriteLine(string.Join("\n", task.Log));

        Assert.Equal(AgentTaskState.Succeeded, task.State);
        AssertAbsent(AgentMigrationFixture.SystemUri, guest.Name);
        foreach (var (volume, sum) in sums)
        {
            Assert.Equal(sum, Sha256(Path.Combine(DestinationDirectory, volume)));
        }

        // Like a live copy: the source's files go once the destination confirmed the guest.
        Assert.False(File.Exists(guest.DiskPath) || File.Exists(data), "a source disk was kept after the destination confirmed the guest");
        var copied = task.Log.Where(l => l.Text.Code == ErrorCodes.TaskMigrationDiskCopied).ToList();
        Assert.Equal(2, copied.Count);

        // The sparse raw disk sent its data, not its 64 MiB.
        var rawSent = TaskArguments.TryBytes(copied.Single(l => l.Text.Args[0] == Path.GetFileName(data)).Text.Args[1]);
        Assert.True(rawSent is >= 3 * MiB and < 16 * MiB, $"the raw disk sent {rawSent} bytes");

        using var m = LibvirtConnection.Open(AgentMigrationFixture.DestinationUri);
        using var moved = m.LookupDomainByName(guest.Name);
        Assert.True(moved.IsPersistent());
        Assert.Equal(DomainState.Shutoff, moved.GetState().State);
        var xml = moved.GetXmlDesc();
        Assert.Contains($"file='{Path.Combine(LibvirtHosts.LocalDirectory, Path.GetFileName(guest.DiskPath))}'", xml, StringComparison.Ordinal);
        Assert.Contains($"file='{Path.Combine(LibvirtHosts.LocalDirectory, Path.GetFileName(data))}'", xml, StringComparison.Ordinal);
        try
        {
            moved.Create();
            await SerialLog.WaitForAsync(guest.SerialLog, "webvirt-testguest:", TimeSpan.FromSeconds(120));
        }
        finally
        {
            if (moved.IsActive())
            {
                moved.Destroy();
            }
        }
    }

    [ExtraHostsFact]
    public async Task A_cancel_during_the_copy_leaves_the_guest_on_the_source_and_nothing_on_the_destination()
    {
        var guest = await fixture.PrepareLocalGuestAsync("offline-cancel");
        using var a = LibvirtConnection.Open(AgentMigrationFixture.SystemUri);
        var data = MakeDataDisk(a, guest.Name + "-data.raw", 64 * MiB, dataAt: 0, dataLength: 32 * MiB);
        var uuid = DefineWith(a, guest, data);
        var sums = new[] { guest.DiskPath, data }.ToDictionary(p => p, Sha256);

        // 2 MiB/s: the disks' 40-odd MiB of data would take about 20 s, time to cancel midway.
        var started = await fixture.Source.MigrateAsync(Request(uuid, await fixture.Destination.GrantAsync(), bandwidth: 2));
        Assert.True(started.Ok, $"refused: {started.Error}");
        var watch = Stopwatch.StartNew();
        AgentTaskInfo running;
        while (true)
        {
            running = await fixture.Source.TaskAsync(started.TaskId!);
            Assert.Equal(AgentTaskState.Running, running.State);
            if (running.Migration is { DataProcessed: > 0 })
            {
                break;
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), "no copy progress within a minute");
            await Task.Delay(200);
        }

        Assert.True(running.Migration.DataRemaining > 0 && running.Migration.DataTotal == running.Migration.DataProcessed + running.Migration.DataRemaining, $"odd progress {running.Migration}");
        var cancel = await fixture.Source.Hub.InvokeAsync<ActionResult>(nameof(IAgentHub.RequestTaskCancel), started.TaskId);
        Assert.True(cancel.Ok);
        var ended = await fixture.Source.WaitForEndAsync(started.TaskId!, s_migrationLimit);
        output.WriteLine($"cancelled after {running.Migration.DataProcessed / MiB} MiB of {running.Migration.DataTotal / MiB} MiB; ended {watch.Elapsed.TotalSeconds:F1} s after it started");
        output.WriteLine(string.Join("\n", ended.Log));

        Assert.Equal(AgentTaskState.Cancelled, ended.State);
        Assert.Equal(ErrorCodes.TaskMigrationCancelled, ended.Error!.Code);
        AssertOnSourceOnly(a, guest.Name);
        Assert.Empty(Directory.EnumerateFiles(DestinationDirectory, AgentMigrationFixture.Prefix + "offline-cancel*"));
        AssertNoVolumes(guest.DiskPath, data);
        foreach (var (path, sum) in sums)
        {
            Assert.Equal(sum, Sha256(path));
        }
    }

    [ExtraHostsFact]
    public async Task A_volume_name_taken_in_the_destination_pool_is_refused_and_nothing_changes()
    {
        var guest = await fixture.PrepareLocalGuestAsync("offline-clash");
        using var a = LibvirtConnection.Open(AgentMigrationFixture.SystemUri);
        var uuid = guest.Define(a);
        var volume = Path.GetFileName(guest.DiskPath);
        var taken = Path.Combine(DestinationDirectory, volume);
        using (var m = LibvirtConnection.Open(AgentMigrationFixture.DestinationUri))
        using (var pool = m.LookupStoragePoolByName(LibvirtHosts.LocalPool))
        {
            pool.Refresh();
            pool.CreateVolumeXml($"<volume><name>{volume}</name><capacity unit='bytes'>{MiB}</capacity><target><format type='raw'/></target></volume>").Dispose();
        }

        try
        {
            await File.WriteAllTextAsync(taken, "someone else's volume");
            var before = Sha256(taken);
            var sourceBefore = Sha256(guest.DiskPath);

            var result = await fixture.Source.MigrateAsync(Request(uuid, await fixture.Destination.GrantAsync(), bandwidth: 0));

            Assert.False(result.Ok);
            Assert.Equal([ErrorCodes.MigrationVolumeExists, volume, LibvirtHosts.LocalPool], [result.Error!.Code, .. result.Error.Args]);
            AssertOnSourceOnly(a, guest.Name);
            Assert.Equal(before, Sha256(taken));
            Assert.Equal(sourceBefore, Sha256(guest.DiskPath));
        }
        finally
        {
            using var m = LibvirtConnection.Open(AgentMigrationFixture.DestinationUri);
            using var pool = m.LookupStoragePoolByName(LibvirtHosts.LocalPool);
            using var clash = pool.LookupVolumeByName(volume);
            clash.Delete();
        }
    }

    [ExtraHostsFact]
    public async Task A_disk_layered_on_a_backing_file_is_refused_for_an_offline_copy_and_nothing_changes()
    {
        var guest = await fixture.PrepareLocalGuestAsync("offline-backing");
        using var a = LibvirtConnection.Open(AgentMigrationFixture.SystemUri);
        string overlay;
        using (var pool = a.LookupStoragePoolByName(fixture.SourcePool))
        {
            using var top = pool.CreateVolumeXml(
                $"<volume><name>{guest.Name}-top.qcow2</name><capacity unit='GiB'>1</capacity><target><format type='qcow2'/></target>"
                + $"<backingStore><path>{guest.DiskPath}</path><format type='qcow2'/></backingStore></volume>");
            overlay = top.GetPath();
        }

        var xml = XElement.Parse(guest.Xml);
        xml.Element("devices")!.Element("disk")!.Element("source")!.SetAttributeValue("file", overlay);
        string uuid;
        using (var defined = a.DefineDomainXml(xml.ToString()))
        {
            uuid = defined.Uuid;
        }

        var result = await fixture.Source.MigrateAsync(Request(uuid, await fixture.Destination.GrantAsync(), bandwidth: 0));

        Assert.False(result.Ok);
        Assert.Equal([ErrorCodes.MigrationOfflineBacking, overlay, guest.DiskPath], [result.Error!.Code, .. result.Error.Args]);
        AssertOnSourceOnly(a, guest.Name);
        AssertNoVolumes(overlay, guest.DiskPath);
    }

    private MigrationRequest Request(string uuid, MigrationDestination destination, int bandwidth) =>
        new(uuid, destination, Live: false, CopyStorage: true, LibvirtHosts.LocalPool, bandwidth, "tester", [fixture.SharedPool]);

    /// <summary>A raw volume in the source pool, sparse but for <paramref name="dataLength"/> random bytes at <paramref name="dataAt"/>; its path.</summary>
    private string MakeDataDisk(LibvirtConnection a, string name, long capacity, long dataAt, long dataLength)
    {
        string path;
        using (var pool = a.LookupStoragePoolByName(fixture.SourcePool))
        {
            pool.Refresh();
            using var volume = pool.CreateVolumeXml($"<volume><name>{name}</name><capacity unit='bytes'>{capacity}</capacity><allocation>0</allocation><target><format type='raw'/></target></volume>");
            path = volume.GetPath();
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.Position = dataAt;
        file.Write(RandomNumberGenerator.GetBytes((int)dataLength));
        return path;
    }

    private static string DefineWith(LibvirtConnection a, AgentMigrationGuest guest, string dataDisk)
    {
        var xml = XElement.Parse(guest.Xml);
        xml.Element("devices")!.Element("disk")!.AddAfterSelf(
            new XElement(
                "disk",
                new XAttribute("type", "file"),
                new XAttribute("device", "disk"),
                new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", "raw")),
                new XElement("source", new XAttribute("file", dataDisk)),
                new XElement("target", new XAttribute("dev", "vdb"), new XAttribute("bus", "virtio"))));
        using var domain = a.DefineDomainXml(xml.ToString());
        return domain.Uuid;
    }

    private static void AssertNoVolumes(params string[] sourcePaths)
    {
        using var m = LibvirtConnection.Open(AgentMigrationFixture.DestinationUri);
        using var pool = m.LookupStoragePoolByName(LibvirtHosts.LocalPool);
        pool.Refresh();
        foreach (var name in sourcePaths.Select(Path.GetFileName))
        {
            var error = Assert.Throws<LibvirtException>(() => pool.LookupVolumeByName(name!).Dispose());
            Assert.Equal(LibvirtErrorCodes.NoStorageVolume, error.Code);
        }
    }

    private static void AssertOnSourceOnly(LibvirtConnection a, string name)
    {
        using (var kept = a.LookupDomainByName(name))
        {
            Assert.True(kept.IsPersistent());
            Assert.Equal(DomainState.Shutoff, kept.GetState().State);
        }

        AssertAbsent(AgentMigrationFixture.DestinationUri, name);
    }

    private static void AssertAbsent(string uri, string name)
    {
        using var connection = LibvirtConnection.Open(uri);
        var error = Assert.Throws<LibvirtException>(() => connection.LookupDomainByName(name).Dispose());
        Assert.Equal(LibvirtErrorCodes.NoDomain, error.Code);
    }

    private static string Sha256(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(file));
    }
}
