using System.Net;
using WebVirt.Contracts;
using WebVirt.Domain.Devices;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Guests;

/// <summary>Reads a guest's definitions, disk sizes and addresses; runs on the libvirt session's thread.</summary>
internal static class GuestDefinitionReader
{
    private static readonly (InterfaceAddressSource Source, string Word)[] AddressSources =
    [
        (InterfaceAddressSource.Lease, "lease"),
        (InterfaceAddressSource.Agent, "agent"),
        (InterfaceAddressSource.Arp, "arp"),
    ];

    /// <summary>null when the host has no guest with that UUID, also when it goes away during the read.</summary>
    public static GuestDefinitions? Read(LibvirtConnection connection, string uuid)
    {
        try
        {
            using LibvirtDomain domain = connection.LookupDomainByUuid(uuid);
            bool active = domain.IsActive();
            string persistent = domain.GetXmlDesc(inactive: true);
            string? live = active ? domain.GetXmlDesc() : null;
            DomainView? liveView = live is null ? null : DomainXmlReader.Read(live);
            var sizes = new Dictionary<string, DiskSize>(StringComparer.Ordinal);
            foreach (DiskView disk in DomainXmlReader.Read(persistent).Disks.Concat(liveView?.Disks ?? []))
            {
                if (disk.SourcePath is { } path && !sizes.ContainsKey(path))
                {
                    sizes[path] = SizeOf(connection, domain, path, RunningTarget(liveView, path));
                }
            }

            return new GuestDefinitions(live, persistent, active, sizes, active ? Addresses(domain) : []);
        }
        catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoDomain)
        {
            return null;
        }
    }

    // A running guest can say the size of any disk it has open, pool volume or not.
    private static string? RunningTarget(DomainView? live, string path) =>
        live?.Disks.FirstOrDefault(d => d.SourcePath == path && d.Target is not null)?.Target;

    private static DiskSize SizeOf(LibvirtConnection connection, LibvirtDomain domain, string path, string? runningTarget)
    {
        if (Volume(connection, path) is { } volume)
        {
            using (volume)
            {
                using var pool = LibvirtStoragePool.LookupByVolume(volume);
                StorageVolumeInfo info = volume.GetInfo();
                return new DiskSize(pool.Name, volume.Name, (long)info.CapacityBytes, (long)info.AllocationBytes);
            }
        }

        if (runningTarget is not null)
        {
            try
            {
                DomainBlockInfo block = domain.GetBlockInfo(runningTarget);
                return new DiskSize(null, null, (long)block.CapacityBytes, (long)block.AllocationBytes);
            }
            catch (LibvirtException)
            {
                // A drive without a medium or a disk the hypervisor cannot size: shown without sizes.
            }
        }

        return new DiskSize(null, null, null, null);
    }

    // DomainXmlReader writes a <source pool= volume=> disk as "pool/volume".
    private static LibvirtStorageVolume? Volume(LibvirtConnection connection, string path)
    {
        try
        {
            if (path.StartsWith('/'))
            {
                return connection.LookupStorageVolumeByPath(path);
            }

            int slash = path.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0)
            {
                return null;
            }

            using var pool = connection.LookupStoragePoolByName(path[..slash]);
            return pool.LookupVolumeByName(path[(slash + 1)..]);
        }
        catch (LibvirtException)
        {
            // Not a volume of any active pool.
            return null;
        }
    }

    /// <summary>Every address any source knows, the first source that reports one winning; a source that cannot answer (no guest agent, no lease) is skipped.</summary>
    private static List<GuestAddress> Addresses(LibvirtDomain domain)
    {
        var addresses = new List<GuestAddress>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (source, word) in AddressSources)
        {
            IReadOnlyList<DomainInterfaceAddresses> interfaces;
            try
            {
                interfaces = domain.GetInterfaceAddresses(source);
            }
            catch (LibvirtException)
            {
                continue;
            }

            foreach (DomainInterfaceAddresses iface in interfaces)
            {
                foreach (DomainIpAddress address in iface.Addresses)
                {
                    if (IPAddress.TryParse(address.Address, out IPAddress? ip) && IPAddress.IsLoopback(ip))
                    {
                        continue;
                    }

                    if (seen.Add(address.Address))
                    {
                        addresses.Add(new GuestAddress(iface.Name, iface.HardwareAddress, address.Address, (int)address.Prefix, word));
                    }
                }
            }
        }

        return addresses;
    }
}
