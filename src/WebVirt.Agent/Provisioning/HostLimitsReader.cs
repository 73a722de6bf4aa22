using System.Xml.Linq;
using WebVirt.Agent.HostChecks;
using WebVirt.Agent.Session;
using WebVirt.Agent.Storage;
using WebVirt.Contracts;
using WebVirt.Domain.Storage;
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
    // The machine types offered first, in this order.
    private static readonly string[] PreferredMachines = ["q35", "pc"];

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

        FirmwareCapabilities firmware = FirmwareCapabilities.Read(connection);
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
            OvmfAvailable = firmware.Uefi,
            SecureBootAvailable = firmware.SecureBoot,
            TpmAvailable = firmware.TpmEmulator,
            KvmAvailable = host.Kvm.Ready,
            ImageUsers = ImageUsersOf(VolumeUsageReader.Read(connection)),
        };
    }

    private static Func<string, IReadOnlyList<ImageUser>> ImageUsersOf(VolumeUsage usage) =>
        path => [.. usage.UsersOf(path).Select(u => new ImageUser(u.Guest, u.Writable))];

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
                            volumes.Add(new PoolVolume(volume.GetPath(), VolumeFormat(volume), (long)volume.GetInfo().CapacityBytes));
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
        var pools = VanishingObjects.ReadEach(connection.ListAllStoragePools(), pool =>
        {
            var info = pool.GetInfo();
            return new StoragePoolDto(pool.Name, TargetPath(pool) ?? "", pool.IsActive(), (long)info.CapacityBytes, (long)info.AvailableBytes);
        }, _ => { });

        return [.. pools.OrderBy(p => p.Name, StringComparer.Ordinal)];
    }

    public static IReadOnlyList<StorageVolumeDto> ListVolumes(LibvirtConnection connection, string poolName)
    {
        using LibvirtStoragePool pool = connection.LookupStoragePoolByName(poolName);
        if (!pool.IsActive())
        {
            return [];
        }

        var usage = VolumeUsageReader.Read(connection);
        var volumes = VanishingObjects.ReadEach(pool.ListAllVolumes(), volume => ToDto(pool.Name, volume, usage), _ => { });

        return [.. volumes.OrderBy(v => v.Name, StringComparer.Ordinal)];
    }

    /// <summary>The volume with the guests that use it (but <paramref name="exceptGuest"/>), as a disk or through a backing file.</summary>
    public static StorageVolumeDto ToDto(string pool, LibvirtStorageVolume volume, VolumeUsage usage, string? exceptGuest = null)
    {
        var info = volume.GetInfo();
        string path = volume.GetPath();
        var users = usage.UsersOf(path, exceptGuest);
        return new StorageVolumeDto(pool, volume.Name, path, VolumeFormat(volume), (long)info.CapacityBytes, (long)info.AllocationBytes,
            [.. users.Select(u => u.Guest)], [.. users.Where(u => u.ThroughBacking).Select(u => u.Guest)]);
    }

    public static IReadOnlyList<NetworkDto> ListNetworks(LibvirtConnection connection)
    {
        var networks = VanishingObjects.ReadEach(connection.ListAllNetworks(), network =>
            new NetworkDto(network.Name, network.IsActive(), (string?)XDocument.Parse(network.GetXmlDesc()).Root?.Element("bridge")?.Attribute("name")),
            _ => { });

        return [.. networks.OrderBy(n => n.Name, StringComparer.Ordinal)];
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
        return [.. PreferredMachines.Where(machines.Contains), .. machines.Where(m => m is not "q35" and not "pc")];
    }

    private static string? TargetPath(LibvirtStoragePool pool) =>
        (string?)XDocument.Parse(pool.GetXmlDesc()).Root?.Element("target")?.Element("path") is { Length: > 0 } path ? path : null;

    private static string VolumeFormat(LibvirtStorageVolume volume) =>
        (string?)XDocument.Parse(volume.GetXmlDesc()).Root?.Element("target")?.Element("format")?.Attribute("type") ?? "raw";
}
