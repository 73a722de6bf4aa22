using System.Xml;
using System.Xml.Linq;
using WebVirt.Domain.Storage;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Storage;

/// <summary>
/// Reads, inside one libvirt call, what <see cref="VolumeUsage"/> is computed from: every guest's
/// live and persistent definition and its snapshots' definitions, and the backing file of every
/// volume of every active pool (libvirt's volume XML <c>&lt;backingStore&gt;</c>). libvirt itself
/// deletes a volume that a guest still needs; every delete in the agent asks this first.
/// </summary>
internal static class VolumeUsageReader
{
    public static VolumeUsage Read(LibvirtConnection connection)
    {
        var volumes = new Dictionary<(string Pool, string Volume), string>();
        var backing = new List<KeyValuePair<string, string>>();
        ReadVolumes(connection, volumes, backing);
        string? Resolve(string pool, string volume) => volumes.GetValueOrDefault((pool, volume));

        var disks = new List<DiskReference>();
        foreach (LibvirtDomain domain in connection.ListAllDomains())
        {
            using (domain)
            {
                try
                {
                    ReadGuest(domain, Resolve, disks, backing);
                }
                catch (LibvirtException ex) when (Vanished(ex))
                {
                    // Undefined while we looked: it uses nothing any more.
                }
                catch (XmlException)
                {
                    // libvirt always returns well-formed XML; a parse failure leaves this guest out.
                }
            }
        }

        return VolumeUsage.Build(disks, backing);
    }

    private static void ReadGuest(LibvirtDomain domain, Func<string, string, string?> resolve, List<DiskReference> disks, List<KeyValuePair<string, string>> backing)
    {
        bool running = domain.IsActive();

        // The running definition shows hot-plugged disks and the backing chains QEMU opened; the persistent one the disks after a restart.
        string live = domain.GetXmlDesc();
        disks.AddRange(GuestDisks.Read(domain.Name, live, running, resolveVolume: resolve));
        backing.AddRange(GuestDisks.BackingFiles(live));
        if (running && domain.IsPersistent())
        {
            disks.AddRange(GuestDisks.Read(domain.Name, domain.GetXmlDesc(inactive: true), running, resolveVolume: resolve));
        }

        // Reverting a snapshot brings back the disks it recorded.
        foreach (LibvirtDomainSnapshot snapshot in domain.ListAllSnapshots())
        {
            using (snapshot)
            {
                XElement? recorded = XDocument.Parse(snapshot.GetXmlDesc()).Root?.Element("domain");
                disks.AddRange(GuestDisks.Read(domain.Name, recorded, running: false, snapshot.Name, resolve));
            }
        }
    }

    private static void ReadVolumes(LibvirtConnection connection, Dictionary<(string Pool, string Volume), string> volumes, List<KeyValuePair<string, string>> backing)
    {
        foreach (LibvirtStoragePool pool in connection.ListAllStoragePools())
        {
            using (pool)
            {
                try
                {
                    if (!pool.IsActive())
                    {
                        continue;
                    }

                    foreach (LibvirtStorageVolume volume in pool.ListAllVolumes())
                    {
                        using (volume)
                        {
                            string path = volume.GetPath();
                            volumes[(pool.Name, volume.Name)] = path;
                            if ((string?)XDocument.Parse(volume.GetXmlDesc()).Root?.Element("backingStore")?.Element("path") is { Length: > 0 } below)
                            {
                                backing.Add(new(path, below));
                            }
                        }
                    }
                }
                catch (LibvirtException ex) when (Vanished(ex))
                {
                    // Stopped or removed while it was read: its volumes are gone from view, not from the guests' chains.
                }
            }
        }
    }

    /// <summary>Guests, snapshots, pools and volumes can go between the list call and the next call on them.</summary>
    private static bool Vanished(LibvirtException ex) =>
        ex.Code is LibvirtErrorCodes.NoDomain or LibvirtErrorCodes.NoDomainSnapshot or LibvirtErrorCodes.NoStoragePool
            or LibvirtErrorCodes.NoStorageVolume or LibvirtErrorCodes.OperationInvalid;
}
