using System.Xml.Linq;

namespace WebVirt.Libvirt.Tests.TestDriver;

[Collection(TestDriverCollection.Name)]
public sealed class StorageVolumeTests : IDisposable
{
    private const ulong MiB = 1024 * 1024;

    private readonly LibvirtConnection _connection = LibvirtConnection.Open(TestDriverCollection.Uri);
    private readonly LibvirtStoragePool _pool;
    private readonly string _poolName = TestDomainXml.UniqueName("vpool");

    public StorageVolumeTests()
    {
        _pool = _connection.CreateStoragePoolXml(TestStorageXml.DirPool(_poolName, $"/{_poolName}"));
    }

    public void Dispose()
    {
        foreach (LibvirtStorageVolume volume in _pool.ListAllVolumes())
        {
            using (volume)
            {
                volume.Delete();
            }
        }

        _pool.Destroy();
        _pool.Dispose();
        _connection.Dispose();
    }

    [Fact]
    public void Created_volume_is_listed_found_by_name_path_and_key_and_deleted()
    {
        using LibvirtStorageVolume volume = _pool.CreateVolumeXml(TestStorageXml.Volume("disk.img", 16 * MiB));

        string path = volume.GetPath();
        Assert.Equal("disk.img", volume.Name);
        Assert.Equal($"/{_poolName}/disk.img", path);
        Assert.Equal(path, volume.Key);
        Assert.Equal("disk.img", (string?)XElement.Parse(volume.GetXmlDesc()).Element("name"));

        StorageVolumeInfo info = volume.GetInfo();
        Assert.Equal(StorageVolumeType.File, info.Type);
        Assert.Equal(16 * MiB, info.CapacityBytes);

        Assert.Equal(["disk.img"], _pool.ListAllVolumes().Select(v => { using (v) { return v.Name; } }));
        using (LibvirtStorageVolume byName = _pool.LookupVolumeByName("disk.img"))
        using (LibvirtStorageVolume byPath = _connection.LookupStorageVolumeByPath(path))
        using (LibvirtStorageVolume byKey = _connection.LookupStorageVolumeByKey(volume.Key))
        using (LibvirtStoragePool owner = LibvirtStoragePool.LookupByVolume(byKey))
        {
            Assert.Equal(volume.Key, byName.Key);
            Assert.Equal("disk.img", byPath.Name);
            Assert.Equal(_pool.Uuid, owner.Uuid);
        }

        volume.Delete();
        Assert.Equal(LibvirtErrorCodes.NoStorageVolume, Assert.Throws<LibvirtException>(() => _pool.LookupVolumeByName("disk.img")).Code);
    }

    [Fact]
    public void Volume_can_be_cloned()
    {
        using LibvirtStorageVolume source = _pool.CreateVolumeXml(TestStorageXml.Volume("source.img", 8 * MiB));

        using LibvirtStorageVolume clone = _pool.CreateVolumeXmlFrom(TestStorageXml.Volume("clone.img", 8 * MiB), source);

        Assert.Equal("clone.img", clone.Name);
        Assert.Equal(8 * MiB, clone.GetInfo().CapacityBytes);
        Assert.Equal(["clone.img", "source.img"], _pool.ListAllVolumes().Select(v => { using (v) { return v.Name; } }).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Duplicate_volume_name_fails_with_a_libvirt_error()
    {
        using LibvirtStorageVolume first = _pool.CreateVolumeXml(TestStorageXml.Volume("dup.img", MiB));

        LibvirtException error = Assert.Throws<LibvirtException>(() => _pool.CreateVolumeXml(TestStorageXml.Volume("dup.img", MiB)));

        Assert.Equal(LibvirtErrorCodes.OperationFailed, error.Code);
    }
}
