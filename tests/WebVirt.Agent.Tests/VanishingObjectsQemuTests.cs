using WebVirt.Agent.Session;
using WebVirt.Libvirt;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests;

/// <summary>
/// The guest, pool, volume and network lists on the real qemu:///system when one goes away between
/// libvirt's list and its read: it is left out and named, the others are read; other errors still fail.
/// </summary>
[Trait("Category", "Qemu")]
public sealed class VanishingObjectsQemuTests : IDisposable
{
    private const string Uri = "qemu:///system";
    private readonly string _directory = TestGuestImages.CreateRunDirectory();
    private readonly string _kept = TestRun.GuestName("vanish-kept-" + Guid.NewGuid().ToString("N")[..6]);
    private readonly string _gone = TestRun.GuestName("vanish-gone-" + Guid.NewGuid().ToString("N")[..6]);

    [Fact]
    public void A_pool_that_vanished_after_the_list_is_left_out_and_the_others_are_read()
    {
        using var connection = LibvirtConnection.Open(Uri);
        CreateTransientPool(connection, _kept);
        CreateTransientPool(connection, _gone);
        var listed = connection.ListAllStoragePools().Where(p => p.Name == _kept || p.Name == _gone).ToList();
        Assert.Equal(2, listed.Count);

        // A transient pool that stops is gone from libvirt: the handle listed a moment ago now answers VIR_ERR_NO_STORAGE_POOL.
        using (var pool = connection.LookupStoragePoolByName(_gone))
        {
            pool.Destroy();
        }

        var vanished = new List<string>();
        var read = VanishingObjects.ReadEach(listed, pool => (pool.Name, Xml: pool.GetXmlDesc()), vanished.Add);

        var kept = Assert.Single(read);
        Assert.Equal(_kept, kept.Name);
        Assert.Contains(_directory, kept.Xml, StringComparison.Ordinal);
        Assert.Equal([_gone], vanished);
    }

    [Fact]
    public void A_network_that_vanished_after_the_list_is_left_out_and_the_others_are_read()
    {
        using var connection = LibvirtConnection.Open(Uri);
        CreateTransientNetwork(connection, _kept);
        CreateTransientNetwork(connection, _gone);
        var listed = connection.ListAllNetworks().Where(n => n.Name == _kept || n.Name == _gone).ToList();
        Assert.Equal(2, listed.Count);

        using (var network = connection.LookupNetworkByName(_gone))
        {
            network.Destroy();
        }

        var vanished = new List<string>();
        var read = VanishingObjects.ReadEach(listed, network => (network.Name, Xml: network.GetXmlDesc()), vanished.Add);

        var kept = Assert.Single(read);
        Assert.Equal(_kept, kept.Name);
        Assert.Contains(_kept, kept.Xml, StringComparison.Ordinal);
        Assert.Equal([_gone], vanished);
    }

    [Fact]
    public void A_volume_and_a_guest_that_vanished_after_the_list_are_left_out_and_the_others_are_read()
    {
        using var connection = LibvirtConnection.Open(Uri);
        CreateTransientPool(connection, _kept);
        using var pool = connection.LookupStoragePoolByName(_kept);
        foreach (var volume in new[] { "kept.raw", "gone.raw" })
        {
            using var made = pool.CreateVolumeXml($"<volume><name>{volume}</name><capacity>1048576</capacity><target><format type='raw'/></target></volume>");
        }

        var volumes = pool.ListAllVolumes();
        using (var gone = pool.LookupVolumeByName("gone.raw"))
        {
            gone.Delete();
        }

        var vanishedVolumes = new List<string>();
        Assert.Equal(["kept.raw"], VanishingObjects.ReadEach(volumes, volume => (volume.Name, volume.GetPath()).Name, vanishedVolumes.Add));
        Assert.Equal(["gone.raw"], vanishedVolumes);

        foreach (var name in new[] { _kept, _gone })
        {
            using var guest = connection.DefineDomainXml(TestGuestDomainXml.DirectKernelBoot(name, _directory));
        }

        var guests = connection.ListAllDomains().Where(d => d.Name == _kept || d.Name == _gone).ToList();
        using (var gone = connection.LookupDomainByName(_gone))
        {
            gone.Undefine();
        }

        var vanishedGuests = new List<string>();
        Assert.Equal([_kept], VanishingObjects.ReadEach(guests, guest => (guest.Name, Xml: guest.GetXmlDesc()).Name, vanishedGuests.Add));
        Assert.Equal([_gone], vanishedGuests);
    }

    [Fact]
    public void Another_libvirt_error_still_fails_the_read()
    {
        using var connection = LibvirtConnection.Open(Uri);
        CreateTransientPool(connection, _kept);
        var listed = connection.ListAllStoragePools().Where(p => p.Name == _kept).ToList();

        var error = Assert.Throws<LibvirtException>(() => VanishingObjects.ReadEach<string>(
            listed, _ => throw new LibvirtException(LibvirtErrorCodes.NoStorageVolume, 0, "no volume"), _ => { }));

        Assert.Equal(LibvirtErrorCodes.NoStorageVolume, error.Code);
    }

    public void Dispose()
    {
        using (var connection = LibvirtConnection.Open(Uri))
        {
            foreach (var name in new[] { _kept, _gone })
            {
                try
                {
                    using var pool = connection.LookupStoragePoolByName(name);
                    pool.Destroy();
                }
                catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoStoragePool)
                {
                }

                try
                {
                    using var guest = connection.LookupDomainByName(name);
                    guest.Undefine();
                }
                catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoDomain)
                {
                }

                try
                {
                    using var network = connection.LookupNetworkByName(name);
                    network.Destroy();
                }
                catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoNetwork)
                {
                }
            }
        }

        Directory.Delete(_directory, recursive: true);
    }

    private void CreateTransientPool(LibvirtConnection connection, string name)
    {
        string target = Path.Combine(_directory, name);
        Directory.CreateDirectory(target);
        using var pool = connection.CreateStoragePoolXml($"<pool type='dir'><name>{name}</name><target><path>{target}</path></target></pool>");
    }

    // No address and no forward: an isolated bridge that takes nothing from the host's subnets.
    private static void CreateTransientNetwork(LibvirtConnection connection, string name)
    {
        using var network = connection.CreateNetworkXml($"<network><name>{name}</name></network>");
    }
}
