using System.Xml.Linq;
using WebVirt.Agent.Inventory;
using WebVirt.Contracts;
using WebVirt.Domain.Validation;
using WebVirt.Libvirt;
using StoragePoolInfo = WebVirt.Domain.Validation.StoragePoolInfo;

namespace WebVirt.Agent.Provisioning;

/// <summary>
/// Reads what the host has right now (CPUs, memory, guests, MACs, pools and their volumes, networks,
/// bridges, OVMF, KVM), for validation and for the wizard's pickers. Runs inside a libvirt call.
/// </summary>
internal static class HostLimitsReader
{
    public static HostLimits Read(LibvirtConnection connection, HostInfo host)
    {
        NodeInfo node = connection.GetNodeInfo();
        var names = new List<string>();
        var macs = new List<string>();
        var templates = new List<string>();
        foreach (LibvirtDomain domain in connection.ListAllDomains())
        {
            using (domain)
            {
                XDocument xml;
                try
                {
                    xml = XDocument.Parse(domain.GetXmlDesc(inactive: true));
                }
                catch (LibvirtException ex) when (Vanished(ex))
                {
                    continue;
                }

                names.Add(domain.Name);
                macs.AddRange(xml.Root!.Element("devices")?.Elements("interface")
                    .Select(i => (string?)i.Element("mac")?.Attribute("address"))
                    .OfType<string>()
                    .Select(m => m.ToLowerInvariant()) ?? []);
                if (Domain.Definition.WebVirtMetadata.Read(xml)?.IsTemplate == true)
                {
                    templates.Add(domain.Uuid);
                }
            }
        }

        return new HostLimits
        {
            HostCpus = (int)node.Cpus,
            HostMemoryMiB = (long)(node.MemoryKiB / 1024),
            ExistingGuestNames = names,
            MacsInUse = macs,
            Pools = ReadPools(connection),
            Networks = ListNetworks(connection).Select(n => n.Name).ToList(),
            Bridges = HostNetworkInterfaces.List().Where(i => i.IsBridge).Select(i => i.Name).ToList(),
            TemplateUuids = templates,
            OvmfAvailable = OvmfAvailable(connection),
            KvmAvailable = host.Kvm.Ready,
        };
    }

    /// <summary>
    /// Guests, pools and volumes can disappear between the list call and the next call on them
    /// (another console, virsh, a finishing task); what is gone no longer limits anything.
    /// </summary>
    private static bool Vanished(LibvirtException ex) =>
        ex.Code is LibvirtErrorCodes.NoDomain or LibvirtErrorCodes.NoStoragePool or LibvirtErrorCodes.NoStorageVolume
            or LibvirtErrorCodes.OperationInvalid;

    /// <summary>Active pools with their free space and volumes (inactive pools hold nothing usable).</summary>
    public static IReadOnlyList<StoragePoolInfo> ReadPools(LibvirtConnection connection)
    {
        var pools = new List<StoragePoolInfo>();
        foreach (LibvirtStoragePool pool in connection.ListAllStoragePools())
        {
            using (pool)
            {
                try
                {
                    if (!pool.IsActive() || TargetPath(pool) is not string target)
                    {
                        continue;
                    }

                    var volumes = new List<PoolVolume>();
                    foreach (LibvirtStorageVolume volume in pool.ListAllVolumes())
                    {
                        using (volume)
                        {
                            volumes.Add(new PoolVolume(volume.GetPath(), VolumeFormat(volume)));
                        }
                    }

                    pools.Add(new StoragePoolInfo(pool.Name, target, (long)pool.GetInfo().AvailableBytes, volumes));
                }
                catch (LibvirtException ex) when (Vanished(ex))
                {
                    // Stopped or removed while it was being read: it offers nothing now.
                }
            }
        }

        return pools;
    }

    public static IReadOnlyList<StoragePoolDto> ListPools(LibvirtConnection connection)
    {
        var pools = new List<StoragePoolDto>();
        foreach (LibvirtStoragePool pool in connection.ListAllStoragePools())
        {
            using (pool)
            {
                var info = pool.GetInfo();
                pools.Add(new StoragePoolDto(pool.Name, TargetPath(pool) ?? "", pool.IsActive(), (long)info.CapacityBytes, (long)info.AvailableBytes));
            }
        }

        return [.. pools.OrderBy(p => p.Name, StringComparer.Ordinal)];
    }

    public static IReadOnlyList<StorageVolumeDto> ListVolumes(LibvirtConnection connection, string poolName)
    {
        using LibvirtStoragePool pool = connection.LookupStoragePoolByName(poolName);
        if (!pool.IsActive())
        {
            return [];
        }

        var users = DiskUsers(connection);
        var volumes = new List<StorageVolumeDto>();
        foreach (LibvirtStorageVolume volume in pool.ListAllVolumes())
        {
            using (volume)
            {
                volumes.Add(ToDto(pool.Name, volume, users));
            }
        }

        return [.. volumes.OrderBy(v => v.Name, StringComparer.Ordinal)];
    }

    public static StorageVolumeDto ToDto(string pool, LibvirtStorageVolume volume, IReadOnlyDictionary<string, List<string>> users)
    {
        var info = volume.GetInfo();
        string path = volume.GetPath();
        return new StorageVolumeDto(pool, volume.Name, path, VolumeFormat(volume), (long)info.CapacityBytes, (long)info.AllocationBytes,
            users.TryGetValue(path, out var names) ? names : []);
    }

    public static IReadOnlyList<NetworkDto> ListNetworks(LibvirtConnection connection)
    {
        var networks = new List<NetworkDto>();
        foreach (LibvirtNetwork network in connection.ListAllNetworks())
        {
            using (network)
            {
                string? bridge = (string?)XDocument.Parse(network.GetXmlDesc()).Root?.Element("bridge")?.Attribute("name");
                networks.Add(new NetworkDto(network.Name, network.IsActive(), bridge));
            }
        }

        return [.. networks.OrderBy(n => n.Name, StringComparer.Ordinal)];
    }

    /// <summary>Every file a guest definition uses as a disk or CD-ROM, and the names of those guests.</summary>
    public static Dictionary<string, List<string>> DiskUsers(LibvirtConnection connection)
    {
        var users = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (LibvirtDomain domain in connection.ListAllDomains())
        {
            using (domain)
            {
                foreach (GuestDiskFile disk in GuestDiskFile.Read(domain.GetXmlDesc(inactive: true)))
                {
                    // A linked clone reads its template's disk through its own disk's backing file.
                    foreach (string path in BackingChain(connection, disk.Path).Prepend(disk.Path))
                    {
                        if (!users.TryGetValue(path, out var names))
                        {
                            users[path] = names = [];
                        }

                        if (!names.Contains(domain.Name))
                        {
                            names.Add(domain.Name);
                        }
                    }
                }
            }
        }

        return users;
    }

    /// <summary>The backing files below a pool volume (a qcow2 overlay's base, its base's base...); empty for other files.</summary>
    internal static IEnumerable<string> BackingChain(LibvirtConnection connection, string path)
    {
        const int MaxDepth = 16;
        for (int depth = 0; depth < MaxDepth; depth++)
        {
            string? backing;
            try
            {
                using LibvirtStorageVolume volume = connection.LookupStorageVolumeByPath(path);
                backing = (string?)XDocument.Parse(volume.GetXmlDesc()).Root?.Element("backingStore")?.Element("path");
            }
            catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoStorageVolume)
            {
                yield break;
            }

            if (string.IsNullOrEmpty(backing))
            {
                yield break;
            }

            yield return backing;
            path = backing;
        }
    }

    /// <summary>The machine types QEMU offers for x86_64, q35 and pc first.</summary>
    public static IReadOnlyList<string> MachineTypes(LibvirtConnection connection)
    {
        XDocument caps = XDocument.Parse(connection.GetCapabilities());
        var machines = caps.Root!.Elements("guest")
            .Where(g => (string?)g.Element("arch")?.Attribute("name") == "x86_64")
            .SelectMany(g => g.Element("arch")!.Elements("machine"))
            .Select(m => m.Value.Trim())
            .Where(m => m.Length > 0 && NameRules.IsValidMachineType(m))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(m => m, StringComparer.Ordinal)
            .ToList();
        return [.. new[] { "q35", "pc" }.Where(machines.Contains), .. machines.Where(m => m is not "q35" and not "pc")];
    }

    private static bool OvmfAvailable(LibvirtConnection connection)
    {
        try
        {
            XElement? os = XDocument.Parse(connection.GetDomainCapabilities(arch: "x86_64", virtType: "qemu")).Root?.Element("os");
            bool efiFirmware = os?.Elements("enum").Any(e => (string?)e.Attribute("name") == "firmware" && e.Elements("value").Any(v => v.Value == "efi")) == true;
            bool ovmfLoader = os?.Element("loader")?.Elements("value").Any(v => v.Value.Contains("OVMF", StringComparison.OrdinalIgnoreCase)) == true;
            return efiFirmware || ovmfLoader;
        }
        catch (LibvirtException)
        {
            // Drivers without domain capabilities (test:///) have no firmware to offer.
            return false;
        }
    }

    private static string? TargetPath(LibvirtStoragePool pool) =>
        (string?)XDocument.Parse(pool.GetXmlDesc()).Root?.Element("target")?.Element("path") is { Length: > 0 } path ? path : null;

    private static string VolumeFormat(LibvirtStorageVolume volume) =>
        (string?)XDocument.Parse(volume.GetXmlDesc()).Root?.Element("target")?.Element("format")?.Attribute("type") ?? "raw";
}

/// <summary>A file-backed disk or CD-ROM in a domain definition.</summary>
internal sealed record GuestDiskFile(string Path, bool Writable)
{
    public static IReadOnlyList<GuestDiskFile> Read(string domainXml)
    {
        XElement? devices = XDocument.Parse(domainXml).Root?.Element("devices");
        return [.. (devices?.Elements("disk") ?? [])
            .Select(d => (Disk: d, File: (string?)d.Element("source")?.Attribute("file")))
            .Where(d => d.File is { Length: > 0 })
            .Select(d => new GuestDiskFile(
                d.File!,
                ((string?)d.Disk.Attribute("device") ?? "disk") == "disk" && d.Disk.Element("readonly") is null && d.Disk.Element("shareable") is null))];
    }
}
