namespace WebVirt.Libvirt.Tests.TestDriver;

[Collection(IsolatedCollection.Name)]
public sealed class ChildHandleLifetimeTests
{
    [Fact]
    public void Volume_keeps_pool_and_connection_open_and_can_make_children_after_both_are_disposed()
    {
        long before = LibvirtSafeHandle.LiveCount;
        string poolName = TestDomainXml.UniqueName("life");
        LibvirtConnection connection = LibvirtConnection.Open(TestDriverCollection.Uri);
        LibvirtStoragePool pool = connection.CreateStoragePoolXml(TestStorageXml.DirPool(poolName, $"/{poolName}"));
        LibvirtStorageVolume volume = pool.CreateVolumeXml(TestStorageXml.Volume("held.img", 1024 * 1024));

        pool.Dispose();
        connection.Dispose();
        Assert.Equal(before + 3, LibvirtSafeHandle.LiveCount);

        // A child of a child: made after the connection's owner let go of it.
        using (LibvirtStoragePool owner = LibvirtStoragePool.LookupByVolume(volume))
        {
            Assert.Equal(poolName, owner.Name);
            Assert.Equal(1024UL * 1024, volume.GetInfo().CapacityBytes);
            volume.Delete();
            owner.Destroy();
        }

        volume.Dispose();
        Assert.Equal(before, LibvirtSafeHandle.LiveCount);
        Assert.Throws<ObjectDisposedException>(() => volume.GetInfo());
    }

    [Fact]
    public void Snapshots_keep_their_domain_and_connection_open()
    {
        long before = LibvirtSafeHandle.LiveCount;
        LibvirtConnection connection = LibvirtConnection.Open(TestDriverCollection.Uri);
        LibvirtDomain domain = connection.DefineDomainXml(TestDomainXml.Create(TestDomainXml.UniqueName("slife")));
        LibvirtDomainSnapshot snapshot = domain.CreateSnapshotXml("<domainsnapshot><name>held</name></domainsnapshot>");

        connection.Dispose();
        domain.Dispose();
        Assert.Equal(before + 3, LibvirtSafeHandle.LiveCount);
        Assert.True(snapshot.IsCurrent());

        snapshot.Delete();
        snapshot.Dispose();
        Assert.Equal(before, LibvirtSafeHandle.LiveCount);

        using LibvirtConnection cleanup = LibvirtConnection.Open(TestDriverCollection.Uri);
        foreach (LibvirtDomain leftover in cleanup.ListAllDomains())
        {
            using (leftover)
            {
                if (leftover.Name.StartsWith("wvt-unit-slife", StringComparison.Ordinal))
                {
                    leftover.Undefine();
                }
            }
        }
    }
}
