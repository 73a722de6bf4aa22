using System.Diagnostics;
using WebVirt.Testing;
using Xunit.Abstractions;

namespace WebVirt.Libvirt.Tests.Migration;

// Tunnelled migration (VIR_MIGRATE_TUNNELLED with PEER2PEER): the stream goes through the libvirtd
// connection, so no QEMU migration port is opened. What libvirt 9.0 does with it decides how the
// agents can carry migrations over their own authenticated connection (docs/migration.md).
[Trait("Category", "Qemu")]
[Collection(MigrationCollection.Name)]
public sealed class TunnelledMigrationTests(MigrationFixture fixture, ITestOutputHelper output)
{
    private const MigrationFlags Tunnelled = MigrationFlags.Live | MigrationFlags.PeerToPeer | MigrationFlags.Tunnelled;

    [MigrationFact]
    public async Task Tunnelled_live_migration_with_a_shared_disk_works()
    {
        MigrationGuest guest = await fixture.PrepareSharedGuestAsync("tunnel");
        using LibvirtConnection a = LibvirtConnection.Open(MigrationFixture.SystemUri);
        using LibvirtConnection b = LibvirtConnection.Open(LibvirtHosts.Uri("b"));
        await guest.BootAsync(a);

        using (LibvirtDomain onA = a.LookupDomainByName(guest.Name))
        {
            var watch = Stopwatch.StartNew();
            await Task.Run(() => onA.MigrateToUri(LibvirtHosts.Uri("b"), new MigrationParameters(), Tunnelled | MigrationFlags.Unsafe));
            MigrationTimes.Record(output, "live, shared disk, tunnelled, A -> b", watch.Elapsed);
        }

        MigrationTests.AssertRunsOnlyOn(b, guest.Name, a);
        await guest.WaitForNextTickAsync();
        MigrationTests.Destroy(b, guest.Name);
    }

    // libvirt 9.0 starts the destination's NBD server (the disk copy) without an address when the
    // migration is tunnelled, and refuses listen_address with tunnelled migrations, so a tunnelled
    // migration cannot copy disks here. The failure happens before the guest moves; the volume the
    // destination created in its pool for the copy stays behind, for the caller to remove.
    [MigrationFact]
    public async Task Tunnelled_migration_cannot_copy_disks_on_libvirt_9_0_and_the_guest_stays_on_the_source()
    {
        MigrationGuest guest = await MigrationFixture.PrepareLocalGuestAsync("tunnel-copy", fixture.SharedDirectory);
        using LibvirtConnection a = LibvirtConnection.Open(MigrationFixture.SystemUri);
        using LibvirtConnection b = LibvirtConnection.Open(LibvirtHosts.Uri("b"));
        await guest.BootAsync(a);
        MigrationStorageCopyTests.RefreshLocalPool(b);
        using LibvirtDomain onA = a.LookupDomainByName(guest.Name);
        var copyVda = new MigrationParameters { MigrateDisks = [MigrationGuest.DiskTarget] };

        LibvirtException listen = await Assert.ThrowsAsync<LibvirtException>(() => Task.Run(() => onA.MigrateToUri(
            LibvirtHosts.Uri("b"), new MigrationParameters { ListenAddress = "127.0.0.1", MigrateDisks = [MigrationGuest.DiskTarget] }, Tunnelled | MigrationFlags.NonSharedDisk)));
        output.WriteLine($"tunnelled with listen_address: {listen.CodeName}: {listen.Message}");
        Assert.Equal(LibvirtErrorCodes.ArgumentUnsupported, listen.Code);

        double before = guest.LastTick();
        var watch = Stopwatch.StartNew();
        LibvirtException copy = await Assert.ThrowsAsync<LibvirtException>(() => Task.Run(() => onA.MigrateToUri(LibvirtHosts.Uri("b"), copyVda, Tunnelled | MigrationFlags.NonSharedDisk)));
        MigrationTimes.Record(output, "live, disk copied, tunnelled, A -> b: refused", watch.Elapsed, $"{copy.CodeName}: {copy.Message}");
        Assert.Equal(LibvirtErrorCodes.InternalError, copy.Code);
        Assert.Contains("'host' must not have null value", copy.Message, StringComparison.Ordinal);

        Assert.Equal(DomainState.Running, onA.GetState().State);
        Assert.False(MigrationTests.Exists(b, guest.Name), "the failed migration left the guest on b");
        await guest.WaitForTickAfterAsync(before);
        Assert.True(File.Exists(Path.Combine(LibvirtHosts.LocalDirectoryOf("b"), Path.GetFileName(guest.DiskPath))), "the destination removed the volume it made");
        onA.Destroy();
    }
}
