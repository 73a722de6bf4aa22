using System.Diagnostics;
using WebVirt.Testing;
using Xunit.Abstractions;

namespace WebVirt.Libvirt.Tests.Migration;

// Live migration with the disk copied: the disk is on host A's local storage, which host b cannot
// see; b creates the destination volume itself in its "wvt-local" pool, and QEMU mirrors the disk
// over NBD (on loopback) while the memory moves.
[Trait("Category", "Qemu")]
[Collection(MigrationCollection.Name)]
public sealed class MigrationStorageCopyTests(MigrationFixture fixture, ITestOutputHelper output)
{
    private static readonly MigrationParameters s_copyVda = new()
    {
        MigrateUri = "tcp://127.0.0.1",
        ListenAddress = "127.0.0.1",
        MigrateDisks = [MigrationGuest.DiskTarget],
    };

    [MigrationFact]
    public async Task Copy_storage_migration_creates_the_disk_in_the_destination_pool_and_leaves_the_source_copy()
    {
        MigrationGuest guest = await MigrationFixture.PrepareLocalGuestAsync("copy", fixture.SharedDirectory);
        string fileName = Path.GetFileName(guest.DiskPath);
        using LibvirtConnection a = LibvirtConnection.Open(MigrationFixture.SystemUri);
        using LibvirtConnection b = LibvirtConnection.Open(LibvirtHosts.Uri("b"));
        using LibvirtConnection c = LibvirtConnection.Open(LibvirtHosts.Uri("c"));
        await guest.BootAsync(a);

        // A -> b, peer to peer.
        RefreshLocalPool(b);
        using (LibvirtDomain onA = a.LookupDomainByName(guest.Name))
        {
            var watch = Stopwatch.StartNew();
            await Task.Run(() => onA.MigrateToUri(LibvirtHosts.Uri("b"), s_copyVda, MigrationFlags.Live | MigrationFlags.PeerToPeer | MigrationFlags.NonSharedDisk));
            Record("live, disk copied, peer to peer, A -> b", watch.Elapsed, b, guest.Name);
        }

        MigrationTests.AssertRunsOnlyOn(b, guest.Name, a);
        await guest.WaitForNextTickAsync();
        string onBDisk = Path.Combine(LibvirtHosts.LocalDirectoryOf("b"), fileName);
        using (LibvirtStoragePool pool = b.LookupStoragePoolByName(LibvirtHosts.LocalPool))
        {
            pool.Refresh();
            using LibvirtStorageVolume volume = pool.LookupVolumeByName(fileName);
            Assert.Equal(Path.Combine(LibvirtHosts.LocalDirectory, fileName), volume.GetPath());
        }

        Assert.Equal("Images are identical.", await CompareImagesAsync(guest.DiskPath, onBDisk));
        Assert.True(File.Exists(guest.DiskPath), "libvirt removed the source's copy");

        // b -> c, client-managed, the copy again.
        RefreshLocalPool(c);
        using (LibvirtDomain onB = b.LookupDomainByName(guest.Name))
        {
            var watch = Stopwatch.StartNew();
            using LibvirtDomain onC = await Task.Run(() => c.MigrateHere(onB, s_copyVda, MigrationFlags.Live | MigrationFlags.NonSharedDisk));
            Record("live, disk copied, client-managed, b -> c", watch.Elapsed, c, guest.Name);
        }

        MigrationTests.AssertRunsOnlyOn(c, guest.Name, a, b);
        await guest.WaitForNextTickAsync();
        Assert.Equal("Images are identical.", await CompareImagesAsync(guest.DiskPath, Path.Combine(LibvirtHosts.LocalDirectoryOf("c"), fileName)));
        MigrationTests.Destroy(c, guest.Name);
    }

    internal static void RefreshLocalPool(LibvirtConnection host)
    {
        using LibvirtStoragePool pool = host.LookupStoragePoolByName(LibvirtHosts.LocalPool);
        pool.Refresh();
    }

    // -U: the copy is open in the running guest's QEMU (which never writes to it: the test guest runs
    // from its initramfs).
    internal static async Task<string> CompareImagesAsync(string first, string second)
    {
        var start = new ProcessStartInfo("qemu-img") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { "compare", "-U", first, second })
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start qemu-img");
        string stdout = await process.StandardOutput.ReadToEndAsync();
        string stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (stdout + stderr).Trim();
    }

    private void Record(string migration, TimeSpan elapsed, LibvirtConnection destination, string name)
    {
        using LibvirtDomain domain = destination.LookupDomainByName(name);
        DomainJobStats completed = domain.GetJobStats(completed: true);
        MigrationTimes.Record(
            output, migration, elapsed, $"downtime {completed.DowntimeMs} ms, data {completed.DataProcessed / 1024 / 1024} MiB");
    }
}
