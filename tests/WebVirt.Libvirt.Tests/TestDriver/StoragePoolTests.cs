using System.Xml.Linq;

namespace WebVirt.Libvirt.Tests.TestDriver;

[Collection(TestDriverCollection.Name)]
public sealed class StoragePoolTests : IDisposable
{
    private const string DefaultPool = "default-pool";

    private readonly LibvirtConnection _connection = LibvirtConnection.Open(TestDriverCollection.Uri);

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Default_pool_is_listed_and_lookups_agree()
    {
        IReadOnlyList<LibvirtStoragePool> pools = _connection.ListAllStoragePools(StoragePoolListFlags.Active);
        try
        {
            LibvirtStoragePool listed = Assert.Single(pools, p => p.Name == DefaultPool);
            Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", listed.Uuid);

            using LibvirtStoragePool byName = _connection.LookupStoragePoolByName(DefaultPool);
            using LibvirtStoragePool byUuid = _connection.LookupStoragePoolByUuid(listed.Uuid);
            Assert.Equal(listed.Uuid, byName.Uuid);
            Assert.Equal(DefaultPool, byUuid.Name);
            Assert.True(byName.IsActive());
            Assert.True(byName.IsPersistent());
            Assert.Equal(DefaultPool, (string?)XElement.Parse(byName.GetXmlDesc()).Element("name"));

            StoragePoolInfo info = byName.GetInfo();
            Assert.Equal(StoragePoolState.Running, info.State);
            Assert.True(info.CapacityBytes > 0);
            Assert.Equal(info.CapacityBytes, info.AllocationBytes + info.AvailableBytes);
        }
        finally
        {
            foreach (LibvirtStoragePool pool in pools)
            {
                pool.Dispose();
            }
        }

        Assert.DoesNotContain(_connection.ListAllStoragePools(StoragePoolListFlags.Inactive), p => { using (p) { return p.Name == DefaultPool; } });
    }

    [Fact]
    public void Defined_pool_goes_through_build_start_refresh_stop_delete_undefine()
    {
        string name = TestDomainXml.UniqueName("pool");
        using LibvirtStoragePool pool = _connection.DefineStoragePoolXml(TestStorageXml.DirPool(name, $"/{name}"), validate: true);
        try
        {
            Assert.Equal(name, pool.Name);
            Assert.False(pool.IsActive());
            Assert.True(pool.IsPersistent());
            Assert.Equal(StoragePoolState.Inactive, pool.GetInfo().State);

            pool.Build();
            pool.Create();
            Assert.True(pool.IsActive());
            pool.Refresh();
            Assert.Equal(StoragePoolState.Running, pool.GetInfo().State);

            Assert.False(pool.GetAutostart());
            pool.SetAutostart(true);
            Assert.True(pool.GetAutostart());
            pool.SetAutostart(false);

            pool.Destroy();
            Assert.False(pool.IsActive());
            pool.Delete();
        }
        finally
        {
            if (pool.IsActive())
            {
                pool.Destroy();
            }

            pool.Undefine();
        }

        LibvirtException error = Assert.Throws<LibvirtException>(() => _connection.LookupStoragePoolByName(name));
        Assert.Equal(LibvirtErrorCodes.NoStoragePool, error.Code);
    }

    [Fact]
    public void Transient_pool_disappears_when_destroyed()
    {
        string name = TestDomainXml.UniqueName("tpool");
        using LibvirtStoragePool pool = _connection.CreateStoragePoolXml(TestStorageXml.DirPool(name, $"/{name}"));

        Assert.True(pool.IsActive());
        Assert.False(pool.IsPersistent());
        pool.Destroy();

        Assert.Equal(LibvirtErrorCodes.NoStoragePool, Assert.Throws<LibvirtException>(() => _connection.LookupStoragePoolByName(name)).Code);
    }

    [Fact]
    public void Invalid_pool_xml_is_rejected_with_validation()
    {
        string xml = new XElement("pool", new XAttribute("type", "dir"), new XElement("name", "wvt-unit-bad"), new XElement("bogus")).ToString();

        LibvirtException error = Assert.Throws<LibvirtException>(() => _connection.DefineStoragePoolXml(xml, validate: true));

        Assert.Equal(LibvirtErrorCodes.XmlInvalidSchema, error.Code);
    }
}
