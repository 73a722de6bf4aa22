using System.Xml.Linq;
using WebVirt.Agent.Session;
using WebVirt.Contracts;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Migration;

/// <summary>One writable disk a storage copy moves: its device, file, and the volume it is in on this host.</summary>
internal sealed record DiskToCopy(string Target, string SourcePath, string VolumeName, string Format, ulong CapacityBytes);

/// <summary>One writable file disk of the guest as this host sees it: its pool and volume when a pool holds it, and the file it is layered on, if any.</summary>
internal sealed record SourceDisk(string Target, string Path, string? Pool, string? VolumeName, string Format, ulong CapacityBytes, string? BackingFile = null);

/// <summary>
/// What the source knows of the guest before a migration: name, state, definition kind, CPU and
/// virtualisation type for libvirt's CPU comparison, this host's identity, and its writable file disks.
/// Which of those a copy moves is decided against the destination (<see cref="CheckDestination"/>).
/// </summary>
internal sealed record MigrationSource(
    string Name,
    bool Active,
    bool Persistent,
    string? CpuXml,
    string VirtType,
    HostIdentity Host,
    IReadOnlyList<SourceDisk> FileDisks)
{
    /// <summary>The disks the migration copies, as <see cref="SharedStorageRule"/> decided in <see cref="CheckDestination"/>.</summary>
    public IReadOnlyList<DiskToCopy> Disks { get; private set; } = [];

    /// <summary>Disks on a pool marked shared whose path the destination does not have: copied all the same.</summary>
    public IReadOnlyList<SourceDisk> SharedPathMissing { get; private set; } = [];

    /// <summary>Reads the guest; a refusal when the request does not fit its state.</summary>
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

        var xml = XDocument.Parse(domain.GetXmlDesc(inactive: !active)).Root!;
        var disks = new List<SourceDisk>();
        foreach (var (target, path) in WritableFileDisks(xml))
        {
            disks.Add(ReadDisk(connection, target, path));
        }

        var cpu = xml.Element("cpu");
        var cpuXml = cpu is null || (string?)cpu.Attribute("mode") is "host-passthrough" or "maximum" ? null : cpu.ToString();
        return (new MigrationSource(domain.Name, active, domain.IsPersistent(), cpuXml, (string?)xml.Attribute("type") ?? "kvm", connection.GetHostIdentity(), disks), null);
    }

    private static SourceDisk ReadDisk(LibvirtConnection connection, string target, string path)
    {
        LibvirtStorageVolume volume;
        try
        {
            volume = connection.LookupStorageVolumeByPath(path);
        }
        catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoStorageVolume)
        {
            return new SourceDisk(target, path, null, null, "raw", 0);
        }

        using (volume)
        {
            using var pool = LibvirtStoragePool.LookupByVolume(volume);
            var xml = XDocument.Parse(volume.GetXmlDesc()).Root;
            var format = (string?)xml?.Element("target")?.Element("format")?.Attribute("type") ?? "raw";
            var backing = (string?)xml?.Element("backingStore")?.Element("path");
            return new SourceDisk(target, path, pool.Name, volume.Name, format, volume.GetInfo().CapacityBytes, string.IsNullOrEmpty(backing) ? null : backing);
        }
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
    /// libvirt says it can provide the guest's CPU, without a guest of that name, each disk either
    /// shared (<see cref="SharedStorageRule"/>) or allowed to be copied, and for a copy with the pool
    /// active, free of the volumes' names and large enough. Null when it can; then <see cref="Disks"/>
    /// holds the disks to copy.
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

        if (Decide(destination, request) is { } refusal)
        {
            return refusal;
        }

        return Disks.Count == 0 ? null : CheckPool(destination, request.DestinationPool!, host);
    }

    private Failure? Decide(LibvirtConnection destination, MigrationRequest request)
    {
        var shared = request.SharedPools ?? [];
        var copies = new List<DiskToCopy>();
        var missing = new List<SourceDisk>();
        foreach (var disk in FileDisks)
        {
            var marked = disk.Pool is not null && shared.Contains(disk.Pool, StringComparer.Ordinal);
            if (SharedStorageRule.Decide(disk.Pool, shared, marked && HasVolumeAt(destination, disk.Path)) == DiskMove.Shared)
            {
                continue;
            }

            if (!request.CopyStorage)
            {
                return Failure.Of(ErrorCodes.MigrationDiskNotShared, disk.Path, disk.Pool ?? "-");
            }

            if (disk.VolumeName is null)
            {
                return Failure.Of(ErrorCodes.MigrationDiskOutsidePools, disk.Path);
            }

            // An offline copy moves the volume's file as it is (MigrationService.OfflineCopy.cs): the layer
            // alone would be a broken disk over there, whereas libvirt's live copy flattens the chain.
            if (!request.Live && disk.BackingFile is not null)
            {
                return Failure.Of(ErrorCodes.MigrationOfflineBacking, disk.Path, disk.BackingFile);
            }

            if (marked)
            {
                missing.Add(disk);
            }

            copies.Add(new DiskToCopy(disk.Target, disk.Path, disk.VolumeName, disk.Format, disk.CapacityBytes));
        }

        (Disks, SharedPathMissing) = (copies, missing);
        return null;
    }

    /// <summary>Whether the destination has a volume at <paramref name="path"/>, after refreshing its pools if the first look misses.</summary>
    private static bool HasVolumeAt(LibvirtConnection destination, string path)
    {
        if (Exists(() => destination.LookupStorageVolumeByPath(path), LibvirtErrorCodes.NoStorageVolume))
        {
            return true;
        }

        // A file another host wrote into the shared folder is in the pool's list only after a refresh;
        // a pool removed meanwhile holds nothing to find.
        VanishingObjects.ReadEach(destination.ListAllStoragePools(StoragePoolListFlags.Active), pool =>
        {
            pool.Refresh();
            return pool.Name;
        }, _ => { });

        return Exists(() => destination.LookupStorageVolumeByPath(path), LibvirtErrorCodes.NoStorageVolume);
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
