using System.Xml.Linq;
using Microsoft.Extensions.Options;
using WebVirt.Agent.Configuration;
using WebVirt.Agent.Failures;
using WebVirt.Agent.Session;
using WebVirt.Contracts;
using WebVirt.Domain.Devices;
using WebVirt.Domain.Storage;
using WebVirt.Domain.Validation;
using WebVirt.Libvirt;
using DomainPoolInfo = WebVirt.Domain.Validation.StoragePoolInfo;

namespace WebVirt.Agent.Storage;

/// <summary>
/// Storage pools and volumes of this host: reads them with the guests that use them, and changes
/// them only after the Domain validators accepted the request and no guest stands in the way.
/// </summary>
internal sealed partial class StorageService(LibvirtSession session, IOptions<AgentOptions> options, ILogger<StorageService> logger)
{
    private string HostId => options.Value.ResolvedHostId;

    public Task<IReadOnlyList<StoragePoolSummary>> GetPoolsAsync(CancellationToken cancellationToken) =>
        session.RunAsync<IReadOnlyList<StoragePoolSummary>>(c =>
        {
            var pools = VanishingObjects.ReadEach(c.ListAllStoragePools(), Summarize, name => Log.PoolVanished(logger, name));
            return pools.OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        }, cancellationToken);

    public Task<IReadOnlyList<StorageVolumeSummary>> GetVolumesAsync(string poolName, CancellationToken cancellationToken) =>
        session.RunAsync<IReadOnlyList<StorageVolumeSummary>>(c =>
        {
            using var pool = c.LookupStoragePoolByName(poolName);
            if (!pool.IsActive())
            {
                return [];
            }

            var usage = VolumeUsageReader.Read(c);
            // A volume deleted meanwhile (a task ending, another console) is simply not listed.
            var volumes = VanishingObjects.ReadEach(pool.ListAllVolumes(), volume =>
            {
                string path = volume.GetPath();
                var info = volume.GetInfo();
                var users = usage.UsersOf(path);
                return new StorageVolumeSummary(
                    pool.Name, volume.Name, path, FormatOf(volume), info.CapacityBytes, info.AllocationBytes,
                    [.. users.Select(u => u.Guest)], [.. users.Where(u => u.ThroughBacking).Select(u => u.Guest)]);
            }, _ => { });

            return volumes.OrderBy(v => v.Name, StringComparer.Ordinal).ToList();
        }, cancellationToken);

    public Task<ActionResult> CreatePoolAsync(StoragePoolCreateRequest request, CancellationToken cancellationToken) =>
        session.RunAsync(c =>
        {
            if (ToSpec(request) is not { } spec)
            {
                return Refusals.Refused([EditRequests.OptionInvalid("Format", request.Format ?? "")]);
            }

            var existing = VanishingObjects.ReadEach(
                c.ListAllStoragePools(), pool => new DomainPoolInfo(pool.Name, TargetPathOf(pool), 0, []), name => Log.PoolVanished(logger, name));

            var validated = StoragePoolValidator.Validate(spec, existing);
            if (validated.Value is not { } valid)
            {
                return Refusals.Refused(validated.Problems);
            }

            using var created = c.DefineStoragePoolXml(StoragePoolXmlBuilder.BuildString(valid), validate: true);
            try
            {
                // A logical pool without devices names a volume group that already exists; building it would fail.
                if (spec is not PoolSpec.Logical { SourceDevices.Count: 0 })
                {
                    created.Build(spec is PoolSpec.Directory ? StoragePoolBuildFlags.New : StoragePoolBuildFlags.NoOverwrite);
                }

                if (request.Start)
                {
                    created.Create();
                }

                created.SetAutostart(request.Autostart);
            }
            catch (LibvirtException)
            {
                // Half-made pools would block the name and target: take the definition back.
                created.Undefine();
                throw;
            }

            Log.PoolCreated(logger, valid.Name, valid.TargetPath);
            return ActionResult.Success;
        }, cancellationToken);

    public Task<ActionResult> ActOnPoolAsync(string poolName, StoragePoolAction action, CancellationToken cancellationToken) =>
        session.RunAsync(c =>
        {
            using var pool = c.LookupStoragePoolByName(poolName);
            switch (action)
            {
                case StoragePoolAction.Start:
                    pool.Create();
                    break;
                case StoragePoolAction.Stop:
                    var users = VolumeUsageReader.Read(c).UsersOfAny(VolumePaths(pool)).Where(u => u.Running).Select(u => u.Guest).ToList();
                    if (users.Count > 0)
                    {
                        return ResourceResults.InUseBy(ErrorCodes.PoolHasRunningGuests, poolName, users);
                    }

                    pool.Destroy();
                    break;
                case StoragePoolAction.Refresh:
                    pool.Refresh();
                    break;
                case StoragePoolAction.AutostartOn:
                case StoragePoolAction.AutostartOff:
                    pool.SetAutostart(action == StoragePoolAction.AutostartOn);
                    break;
                default:
                    return Refusals.Refused([EditRequests.OptionInvalid("Action", (int)action)]);
            }

            return ActionResult.Success;
        }, cancellationToken);

    public Task<ActionResult> DeletePoolAsync(string poolName, bool deleteVolumes, CancellationToken cancellationToken) =>
        session.RunAsync(c =>
        {
            using var pool = c.LookupStoragePoolByName(poolName);
            string target = TargetPathOf(pool);

            // Files a guest reaches through a backing file count too: a linked clone's base may lie in another pool.
            var users = VolumeUsageReader.Read(c).UsersOfAny(pool.IsActive() ? VolumePaths(pool) : [], target);
            if (users.Count > 0)
            {
                return Refusals.InUse(VolumeUsage.PoolInUse(poolName, users));
            }

            if (deleteVolumes)
            {
                if (!pool.IsActive())
                {
                    // libvirt lists and deletes volumes of active pools only.
                    pool.Create();
                }

                foreach (var volume in pool.ListAllVolumes())
                {
                    using (volume)
                    {
                        volume.Delete();
                    }
                }
            }

            if (pool.IsActive())
            {
                pool.Destroy();
            }

            if (deleteVolumes)
            {
                // Removes the now empty directory (dir pools) or the volume group (logical pools).
                pool.Delete();
            }

            if (pool.IsPersistent())
            {
                pool.Undefine();
            }

            Log.PoolDeleted(logger, poolName, deleteVolumes);
            return ActionResult.Success;
        }, cancellationToken);

    public Task<ActionResult> CreateVolumeAsync(StorageVolumeCreateRequest request, CancellationToken cancellationToken) =>
        session.RunAsync(c =>
        {
            if (!TryParseFormat(request.Format, out var format))
            {
                return Refusals.Refused([EditRequests.OptionInvalid("Format", request.Format ?? "")]);
            }

            using var pool = c.LookupStoragePoolByName(request.Pool);
            var validated = VolumeValidator.ValidateNew(new VolumeSpec(request.Name, format, request.CapacityBytes), DomainInfoOf(pool));
            if (validated.Value is not { } valid)
            {
                return Refusals.Refused(validated.Problems);
            }

            using var volume = pool.CreateVolumeXml(VolumeXmlBuilder.BuildString(valid));
            return ActionResult.Success;
        }, cancellationToken);

    public Task<ActionResult> CloneVolumeAsync(StorageVolumeCloneRequest request, CancellationToken cancellationToken) =>
        session.RunAsync(c =>
        {
            using var pool = c.LookupStoragePoolByName(request.Pool);
            using var source = pool.LookupVolumeByName(request.Source);
            string path = source.GetPath();
            var running = VolumeUsageReader.Read(c).UsersOf(path).Where(u => u.Running && u.Writable).Select(u => u.Guest).ToList();
            if (running.Count > 0)
            {
                // A copy of a disk that a running guest writes to would be torn.
                return ResourceResults.InUseBy(ErrorCodes.VolumeWrittenByRunningGuests, source.Name, running);
            }

            _ = TryParseFormat(FormatOf(source), out var sourceFormat);
            var format = VolumeNames.FormatOf(request.NewName) ?? sourceFormat;
            var spec = new VolumeCloneSpec(request.NewName, format, checked((long)source.GetInfo().CapacityBytes));
            var validated = VolumeValidator.ValidateClone(spec, DomainInfoOf(pool));
            if (validated.Value is not { } valid)
            {
                return Refusals.Refused(validated.Problems);
            }

            using var clone = pool.CreateVolumeXmlFrom(VolumeXmlBuilder.BuildString(valid), source);
            return ActionResult.Success;
        }, cancellationToken);

    public Task<ActionResult> ResizeVolumeAsync(StorageVolumeResizeRequest request, CancellationToken cancellationToken) =>
        session.RunAsync(c =>
        {
            using var pool = c.LookupStoragePoolByName(request.Pool);
            using var volume = pool.LookupVolumeByName(request.Name);
            string path = volume.GetPath();
            var running = VolumeUsageReader.Read(c).UsersOf(path).Where(u => u.Running).Select(u => u.Guest).ToList();
            if (running.Count > 0)
            {
                // A running guest's disk grows through the guest (block resize), not under it; a backing file not at all while it is open.
                return ResourceResults.InUseBy(ErrorCodes.VolumeDiskOfRunningGuests, volume.Name, running);
            }

            var spec = new VolumeResizeSpec(checked((long)volume.GetInfo().CapacityBytes), request.NewCapacityBytes);
            var validated = VolumeValidator.ValidateResize(spec, DomainInfoOf(pool));
            if (validated.Value is not { } valid)
            {
                return Refusals.Refused(validated.Problems);
            }

            volume.Resize((ulong)valid.NewCapacityBytes);
            return ActionResult.Success;
        }, cancellationToken);

    public Task<ActionResult> DeleteVolumeAsync(string poolName, string name, CancellationToken cancellationToken) =>
        session.RunAsync(c =>
        {
            using var pool = c.LookupStoragePoolByName(poolName);
            using var volume = pool.LookupVolumeByName(name);
            var users = VolumeUsageReader.Read(c).UsersOf(volume.GetPath());
            if (users.Count > 0)
            {
                return Refusals.InUse(VolumeUsage.VolumeInUse(name, users));
            }

            volume.Delete();
            Log.VolumeDeleted(logger, poolName, name);
            return ActionResult.Success;
        }, cancellationToken);

    /// <summary>The pool as the Domain validators see it: target, free space and its volumes.</summary>
    internal static DomainPoolInfo DomainInfoOf(LibvirtStoragePool pool)
    {
        var volumes = new List<PoolVolume>();
        foreach (var volume in pool.ListAllVolumes())
        {
            using (volume)
            {
                volumes.Add(new PoolVolume(volume.GetPath(), FormatOf(volume)));
            }
        }

        return new DomainPoolInfo(pool.Name, TargetPathOf(pool), checked((long)pool.GetInfo().AvailableBytes), volumes);
    }

    internal static string TargetPathOf(LibvirtStoragePool pool) =>
        (string?)XDocument.Parse(pool.GetXmlDesc()).Root?.Element("target")?.Element("path") ?? "";

    private static List<string> VolumePaths(LibvirtStoragePool pool) =>
        [.. pool.ListAllVolumes().Select(v => { using (v) { return v.GetPath(); } })];

    private static string FormatOf(LibvirtStorageVolume volume) =>
        (string?)XDocument.Parse(volume.GetXmlDesc()).Root?.Element("target")?.Element("format")?.Attribute("type") ?? "raw";

    private static bool TryParseFormat(string? name, out VolumeFormat format)
    {
        format = name switch
        {
            "qcow2" => VolumeFormat.Qcow2,
            "iso" => VolumeFormat.Iso,
            _ => VolumeFormat.Raw,
        };
        return name is "qcow2" or "raw" or "iso";
    }

    private StoragePoolSummary Summarize(LibvirtStoragePool pool)
    {
        var root = XDocument.Parse(pool.GetXmlDesc()).Root!;
        var info = pool.GetInfo();
        return new StoragePoolSummary(
            HostId, pool.Name, pool.Uuid, (string?)root.Attribute("type") ?? "", info.State == StoragePoolState.Running,
            pool.GetAutostart(), pool.IsPersistent(), info.CapacityBytes, info.AllocationBytes, info.AvailableBytes,
            (string?)root.Element("target")?.Element("path") ?? "");
    }

    private static PoolSpec? ToSpec(StoragePoolCreateRequest r) => r.Kind switch
    {
        StoragePoolKind.Directory => new PoolSpec.Directory(r.Name, r.TargetPath),
        StoragePoolKind.FileSystem when ParseFs(r.Format) is { } fs => new PoolSpec.FileSystem(r.Name, r.SourceDevice ?? "", fs, r.TargetPath),
        StoragePoolKind.NetworkFileSystem when ParseNfs(r.Format) is { } nfs =>
            new PoolSpec.NetworkFileSystem(r.Name, r.SourceHost ?? "", r.SourceDirectory ?? "", nfs, r.TargetPath),
        StoragePoolKind.Logical => new PoolSpec.Logical(r.Name, r.VolumeGroup ?? "", r.SourceDevices ?? []),
        _ => null,
    };

    private static FileSystemFormat? ParseFs(string? format) => format switch
    {
        null or "" or "auto" => FileSystemFormat.Auto,
        "ext4" => FileSystemFormat.Ext4,
        "xfs" => FileSystemFormat.Xfs,
        _ => null,
    };

    private static NetworkFileSystemFormat? ParseNfs(string? format) => format switch
    {
        null or "" or "nfs" => NetworkFileSystemFormat.Nfs,
        "auto" => NetworkFileSystemFormat.Auto,
        _ => null,
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Created storage pool {Pool} at {Target}")]
        public static partial void PoolCreated(ILogger logger, string pool, string target);

        [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Deleted storage pool {Pool} (volumes too: {WithVolumes})")]
        public static partial void PoolDeleted(ILogger logger, string pool, bool withVolumes);

        [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Deleted volume {Volume} of pool {Pool}")]
        public static partial void VolumeDeleted(ILogger logger, string pool, string volume);

        [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "Storage pool {Pool} vanished while the pools were read; it is left out")]
        public static partial void PoolVanished(ILogger logger, string pool);
    }
}
