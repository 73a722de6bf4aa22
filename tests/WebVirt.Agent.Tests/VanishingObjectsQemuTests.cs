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

        // A transient pool that stops is gone from libvirt: the handle listed a moment ago now answers VIR_ERR_NO_STORAGE_POOL.
        AssertOnlyTheKeptOneIsRead(
            () => { using var pool = connection.LookupStoragePoolByName(_gone); pool.Destroy(); },
            vanished => VanishingObjects.ReadEach(listed, pool => NameOf(pool.Name, pool.GetXmlDesc(), _directory), vanished),
            _kept, _gone);
    }

    [Fact]
    public void A_network_that_vanished_after_the_list_is_left_out_and_the_others_are_read()
    {
        using var connection = LibvirtConnection.Open(Uri);
        CreateTransientNetwork(connection, _kept);
        CreateTransientNetwork(connection, _gone);
        var listed = connection.ListAllNetworks().Where(n => n.Name == _kept || n.Name == _gone).ToList();

        AssertOnlyTheKeptOneIsRead(
            () => { using var network = connection.LookupNetworkByName(_gone); network.Destroy(); },
            vanished => VanishingObjects.ReadEach(listed, network => NameOf(network.Name, network.GetXmlDesc(), _kept), vanished),
            _kept, _gone);
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
        AssertOnlyTheKeptOneIsRead(
            () => { using var gone = pool.LookupVolumeByName("gone.raw"); gone.Delete(); },
            vanished => VanishingObjects.ReadEach(volumes, volume => NameOf(volume.Name, volume.GetPath(), _directory), vanished),
            "kept.raw", "gone.raw");

        foreach (var name in new[] { _kept, _gone })
        {
            using var guest = connection.DefineDomainXml(TestGuestDomainXml.DirectKernelBoot(name, _directory));
        }

        var guests = connection.ListAllDomains().Where(d => d.Name == _kept || d.Name == _gone).ToList();
        AssertOnlyTheKeptOneIsRead(
            () => { using var gone = connection.LookupDomainByName(_gone); gone.Undefine(); },
            vanished => VanishingObjects.ReadEach(guests, guest => NameOf(guest.Name, guest.GetXmlDesc(), _kept), vanished),
            _kept, _gone);
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

    /// <summary>Both were listed; once <paramref name="remove"/> took one away, the read gives the other and names the gone one.</summary>
    private static void AssertOnlyTheKeptOneIsRead(Action remove, Func<Action<string>, List<string>> read, string kept, string gone)
    {
        remove();
        var vanished = new List<string>();
        Assert.Equal([kept], read(vanished.Add));
        Assert.Equal([gone], vanished);
    }

    /// <summary>The object's name, once what was read of it proved a real read (it holds <paramref name="expected"/>).</summary>
    private static string NameOf(string name, string read, string expected)
    {
        Assert.Contains(expected, read, StringComparison.Ordinal);
        return name;
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
