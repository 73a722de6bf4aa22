using System.Diagnostics;
using System.Net;
using WebVirt.Testing;
using Xunit.Abstractions;

namespace WebVirt.Libvirt.Tests.Migration;

// A live migration with disk copy whose memory stream and NBD disk stream both pass through relays
// of this process: the source's QEMU connects to the relay on 127.0.0.1, the destination's QEMU
// listens on 127.0.0.2 only. This is how agents can carry any migration (disk copy included, which
// tunnelled migration cannot do on libvirt 9.0) over their own authenticated connection, with no
// libvirtd TCP port and no QEMU port reachable from outside a host.
[Trait("Category", "Qemu")]
[Collection(MigrationCollection.Name)]
public sealed class RelayedMigrationTests(MigrationFixture fixture, ITestOutputHelper output)
{
    private static readonly IPAddress s_destinationAddress = IPAddress.Parse("127.0.0.2");

    [MigrationFact]
    public async Task Copy_storage_migration_runs_through_relays_of_our_own()
    {
        MigrationGuest guest = await MigrationFixture.PrepareLocalGuestAsync("relay", fixture.SharedDirectory);
        using LibvirtConnection a = LibvirtConnection.Open(MigrationFixture.SystemUri);
        using LibvirtConnection b = LibvirtConnection.Open(LibvirtHosts.Uri("b"));
        await guest.BootAsync(a);
        MigrationStorageCopyTests.RefreshLocalPool(b);

        int memoryPort = FreePort.Next();
        int diskPort = FreePort.Next();
        await using TcpRelay memory = TcpRelay.Start(new IPEndPoint(IPAddress.Loopback, memoryPort), new IPEndPoint(s_destinationAddress, memoryPort));
        await using TcpRelay disks = TcpRelay.Start(new IPEndPoint(IPAddress.Loopback, diskPort), new IPEndPoint(s_destinationAddress, diskPort));

        // The port of migrate_uri is where the destination listens (on listen_address) and the source
        // connects (on the URI's host); the disks' NBD client connects to the same host at disks_port.
        var parameters = new MigrationParameters
        {
            MigrateUri = $"tcp://127.0.0.1:{memoryPort}",
            ListenAddress = s_destinationAddress.ToString(),
            DisksPort = diskPort,
            MigrateDisks = [MigrationGuest.DiskTarget],
        };
        using (LibvirtDomain onA = a.LookupDomainByName(guest.Name))
        {
            var watch = Stopwatch.StartNew();
            await Task.Run(() => onA.MigrateToUri(LibvirtHosts.Uri("b"), parameters, MigrationFlags.Live | MigrationFlags.PeerToPeer | MigrationFlags.NonSharedDisk));
            MigrationTimes.Record(
                output, "live, disk copied, through relays, A -> b", watch.Elapsed, $"relayed memory {memory.BytesForwarded / 1024 / 1024} MiB, disks {disks.BytesForwarded / 1024 / 1024} MiB");
        }

        MigrationTests.AssertRunsOnlyOn(b, guest.Name, a);
        await guest.WaitForNextTickAsync();
        Assert.True(memory.Connections > 0 && memory.BytesForwarded > 32L * 1024 * 1024, $"the memory stream bypassed the relay ({memory.BytesForwarded} B)");
        Assert.True(disks.Connections > 0 && disks.BytesForwarded > 1024 * 1024, $"the disk copy bypassed the relay ({disks.BytesForwarded} B)");
        Assert.Equal(
            "Images are identical.",
            await MigrationStorageCopyTests.CompareImagesAsync(guest.DiskPath, Path.Combine(LibvirtHosts.LocalDirectoryOf("b"), Path.GetFileName(guest.DiskPath))));
        MigrationTests.Destroy(b, guest.Name);
    }
}
