using System.Xml.Linq;
using WebVirt.Contracts;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Migration;

/// <summary>One writable disk a storage copy moves: its device, file, and the volume it is in on this host.</summary>
internal sealed record DiskToCopy(string Target, string SourcePath, string VolumeName, string Format, ulong CapacityBytes);

/// <summary>
/// What the source knows of the guest before a migration: name, state, definition kind, CPU and
/// virtualisation type for libvirt's CPU comparison, this host's identity, and the disks a copy moves.
/// </summary>
internal sealed record MigrationSource(
    string Name,
    bool Active,
    bool Persistent,
    string? CpuXml,
    string VirtType,
    HostIdentity Host,
    IReadOnlyList<DiskToCopy> Disks)
{
    /// <summary>Reads the guest; a refusal when the request does not fit it (state, disks outside pools).</summary>
    public static (MigrationSource? Source, Failure? Refusal) Read(LibvirtConnection connection, MigrationRequest request)
    {
        using var domain = connection.LookupDomainByUuid(request.Uuid);
        var active = domain.IsActive();
        if (request.Live && !active)
        {
            return (null, Failure.Of(ErrorCodes.MigrationNotRunning, domain.Name));
        }

        if (!request.Live && active)
        {
            return (null, Failure.Of(ErrorCodes.MigrationRunning, domain.Name));
        }

        if (!request.Live && request.CopyStorage)
        {
            return (null, Failure.Of(ErrorCodes.MigrationOfflineCopy, domain.Name));
        }

        var xml = XDocument.Parse(domain.GetXmlDesc(inactive: !active)).Root!;
        var disks = new List<DiskToCopy>();
        if (request.CopyStorage)
        {
            foreach (var (target, path) in WritableFileDisks(xml))
            {
                LibvirtStorageVolume volume;
                try
                {
                    volume = connection.LookupStorageVolumeByPath(path);
                }
                catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoStorageVolume)
                {
                    return (null, Failure.Of(ErrorCodes.MigrationDiskOutsidePools, path));
                }

                using (volume)
                {
                    var format = (string?)XDocument.Parse(volume.GetXmlDesc()).Root?.Element("target")?.Element("format")?.Attribute("type") ?? "raw";
                    disks.Add(new DiskToCopy(target, path, volume.Name, format, volume.GetInfo().CapacityBytes));
                }
            }
        }

        var cpu = xml.Element("cpu");
        var cpuXml = cpu is null || (string?)cpu.Attribute("mode") is "host-passthrough" or "maximum" ? null : cpu.ToString();
        return (new MigrationSource(domain.Name, active, domain.IsPersistent(), cpuXml, (string?)xml.Attribute("type") ?? "kvm", connection.GetHostIdentity(), disks), null);
    }

    /// <summary>The guest's writable file disks (not CD-ROMs, read-only or shareable ones), by target device.</summary>
    public static IEnumerable<(string Target, string Path)> WritableFileDisks(XElement domain)
    {
        foreach (var disk in domain.Element("devices")?.Elements("disk") ?? [])
        {
            var path = (string?)disk.Element("source")?.Attribute("file");
            var target = (string?)disk.Element("target")?.Attribute("dev");
            if (((string?)disk.Attribute("device") ?? "disk") == "disk" && disk.Element("readonly") is null && disk.Element("shareable") is null
                && path is { Length: > 0 } && target is { Length: > 0 })
            {
                yield return (target, path);
            }
        }
    }

    /// <summary>
    /// Whether the destination can take the guest: another host of the same architecture, whose
    /// libvirt says it can provide the guest's CPU, without a guest of that name, and for a copy with
    /// the pool active, free of the volumes' names and large enough. Null when it can.
    /// </summary>
    public Failure? CheckDestination(LibvirtConnection destination, MigrationRequest request)
    {
        var host = request.Destination.HostId;
        var identity = destination.GetHostIdentity();
        if (identity.Uuid == Host.Uuid)
        {
            return Failure.Of(ErrorCodes.MigrationSameHost, host);
        }

        if (identity.Arch != Host.Arch)
        {
            return Failure.Of(ErrorCodes.MigrationArchitecture, Host.Arch, identity.Arch);
        }

        if (CpuXml is not null && destination.CompareHypervisorCpu(CpuXml, VirtType, Host.Arch) == CpuCompareResult.Incompatible)
        {
            var cpu = XElement.Parse(CpuXml);
            return Failure.Of(ErrorCodes.MigrationCpuIncompatible, (string?)cpu.Element("model") ?? (string?)cpu.Attribute("mode") ?? "?", host);
        }

        if (Exists(() => destination.LookupDomainByName(Name), LibvirtErrorCodes.NoDomain))
        {
            return Failure.Of(ErrorCodes.MigrationNameTaken, Name, host);
        }

        return Disks.Count == 0 ? null : CheckPool(destination, request.DestinationPool!, host);
    }

    private Failure? CheckPool(LibvirtConnection destination, string poolName, string host)
    {
        LibvirtStoragePool pool;
        try
        {
            pool = destination.LookupStoragePoolByName(poolName);
        }
        catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoStoragePool)
        {
            return Failure.Of(ErrorCodes.MigrationPoolMissing, poolName, host);
        }

        using (pool)
        {
            if (!pool.IsActive())
            {
                return Failure.Of(ErrorCodes.MigrationPoolMissing, poolName, host);
            }

            // A stale volume list makes libvirt's copy fail; a fresh one also shows the true free space.
            pool.Refresh();
            foreach (var disk in Disks)
            {
                if (Exists(() => pool.LookupVolumeByName(disk.VolumeName), LibvirtErrorCodes.NoStorageVolume))
                {
                    return Failure.Of(ErrorCodes.MigrationVolumeExists, disk.VolumeName, poolName);
                }
            }

            var needed = Disks.Aggregate(0UL, (sum, d) => sum + d.CapacityBytes);
            var free = pool.GetInfo().AvailableBytes;
            return needed > free
                ? Failure.Of(ErrorCodes.MigrationPoolFull, poolName, TaskArguments.Bytes((long)needed), TaskArguments.Bytes((long)free))
                : null;
        }
    }

    private static bool Exists(Func<IDisposable> lookup, int missingCode)
    {
        try
        {
            lookup().Dispose();
            return true;
        }
        catch (LibvirtException ex) when (ex.Code == missingCode)
        {
            return false;
        }
    }
}
