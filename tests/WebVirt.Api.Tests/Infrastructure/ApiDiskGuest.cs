using WebVirt.Libvirt;
using WebVirt.Testing;

namespace WebVirt.Api.Tests.Infrastructure;

/// <summary>
/// A shut-off TCG guest on a qcow2 copy of the test guest's disk in a dir pool of its own, for what
/// the diskless fixture guest cannot do (snapshots, clones). Disposing removes the guest, every guest
/// named in <see cref="AlsoRemove"/> (clones a test made), the pool and its directory.
/// </summary>
public sealed class ApiDiskGuest : IAsyncDisposable
{
    private ApiDiskGuest(string name, string pool, string directory, string uuid)
    {
        Name = name;
        Pool = pool;
        Directory = directory;
        Uuid = uuid;
    }

    public string Name { get; }

    public string Pool { get; }

    public string Directory { get; }

    public string Uuid { get; }

    public List<string> AlsoRemove { get; } = [];

    public static async Task<ApiDiskGuest> CreateAsync(string purpose)
    {
        string name = TestRun.GuestName(purpose + "-" + Guid.NewGuid().ToString("N")[..6]);
        string directory = TestGuestImages.CreateRunDirectory();
        await TestGuestImages.CopyIntoAsync(directory, CancellationToken.None, TestGuestImages.Disk);
        string disk = Path.Combine(directory, TestGuestImages.Disk);
        using var connection = LibvirtConnection.Open(ApiFixture.LibvirtUri);
        using (connection.CreateStoragePoolXml($"<pool type='dir'><name>{name}</name><target><path>{directory}</path></target></pool>"))
        {
        }

        using var domain = connection.DefineDomainXml(
            $"<domain type='qemu'><name>{name}</name><memory unit='MiB'>128</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os>" +
            $"<devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='{disk}'/><target dev='vda' bus='virtio'/></disk></devices></domain>");
        return new ApiDiskGuest(name, name, directory, domain.Uuid);
    }

    /// <summary>Makes libvirt (and so the agent) see files a test wrote into the pool's directory.</summary>
    public void RefreshPool()
    {
        using var connection = LibvirtConnection.Open(ApiFixture.LibvirtUri);
        using var pool = connection.LookupStoragePoolByName(Pool);
        pool.Refresh();
    }

    public ValueTask DisposeAsync()
    {
        using (var connection = LibvirtConnection.Open(ApiFixture.LibvirtUri))
        {
            foreach (var guest in AlsoRemove.Prepend(Name))
            {
                RemoveGuest(connection, guest);
            }

            try
            {
                using var pool = connection.LookupStoragePoolByName(Pool);
                pool.Destroy();
            }
            catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoStoragePool)
            {
            }
        }

        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    private static void RemoveGuest(LibvirtConnection connection, string name)
    {
        try
        {
            // Undefined before it is destroyed: the agent starts a stopped network-install guest again
            // (its installer rebooted), and would between a destroy and an undefine, leaving it running.
            using var domain = connection.LookupDomainByName(name);
            if (domain.IsPersistent())
            {
                domain.Undefine();
            }

            if (domain.IsActive())
            {
                domain.Destroy();
            }
        }
        catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoDomain)
        {
        }
    }
}
