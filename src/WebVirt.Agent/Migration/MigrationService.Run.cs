using System.Diagnostics;
using System.Globalization;
using System.Xml.Linq;
using WebVirt.Agent.Session;
using WebVirt.Agent.Tasks;
using WebVirt.Contracts;
using WebVirt.Domain.Devices;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Migration;

/// <summary>
/// The migration task: volumes made in the destination pool for a copy, libvirt's client-managed
/// migration (virDomainMigrate3 through the tunnel) on a thread of its own, its job statistics pushed
/// as progress, a cancel turned into virDomainAbortJob, the guest's arrival said as soon as the destination
/// resumes it (<see cref="MigrationArrival"/>), and only once the migrate call returned and the destination
/// shows the guest the source's copied disks removed. Whatever fails, the guest runs on exactly one host.
/// </summary>
internal sealed partial class MigrationService
{
    private static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(500);

    private async Task RunAsync(TaskHandle task, MigrationRequest request, MigrationSource source, Link link)
    {
        await Task.Yield();
        var host = request.Destination.HostId;
        var destination = link.Destination;
        var created = new List<string>();
        var step = ErrorCodes.TaskFailedMigrationVolumes;
        var cancelled = false;
        var arrived = false;
        var watch = Stopwatch.StartNew();
        using var cancel = await task.CancellableAsync(lifetime.ApplicationStopping);
        try
        {
            foreach (var disk in source.SharedPathMissing)
            {
                await task.LogAsync(TaskText.Of(ErrorCodes.TaskMigrationSharedPathMissing, disk.Path, disk.Pool!), 1);
            }

            var moved = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var disk in source.Disks)
            {
                cancel.Token.ThrowIfCancellationRequested();
                var path = await Task.Run(() => CreateVolume(destination, request.DestinationPool!, disk), CancellationToken.None);
                created.Add(disk.VolumeName);
                moved[disk.SourcePath] = path;
                await task.LogAsync(TaskText.Of(ErrorCodes.TaskMigrationVolumeCreated, disk.VolumeName, request.DestinationPool!), 2);
            }

            // libvirt copies no storage for a shut-off guest: the agent copies the volumes itself first.
            if (!request.Live && source.Disks.Count > 0)
            {
                step = ErrorCodes.TaskFailedMigrationCopy;
                await CopyDisksAsync(task, request, source, destination, cancel.Token);
            }

            cancel.Token.ThrowIfCancellationRequested();
            step = ErrorCodes.TaskFailedMigration;
            using (var domain = await session.RunAsync(c => c.LookupDomainByUuid(request.Uuid), CancellationToken.None))
            using (var arrival = request.Live ? await Task.Run(() => MigrationArrival.Watch(destination, request.Uuid, logger, source.Name, host), CancellationToken.None) : null)
            {
                var parameters = await Task.Run(() => Parameters(domain, request, source, link.Tunnel, moved), CancellationToken.None);
                var flags = Flags(request, source);
                var setupMs = watch.ElapsedMilliseconds;
                var migrating = Task.Factory.StartNew(
                    () => destination.MigrateHere(domain, parameters, flags), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                var watched = await WatchAsync(task, domain, destination, migrating, arrival?.Arrived, cancel.Token);
                if (watched == Watched.Arrived)
                {
                    // The page says so now; the source's copy is stopped in libvirt's confirm step, still to come.
                    arrived = true;
                    MigrationLog.Arrived(logger, source.Name, host, watch.ElapsedMilliseconds - setupMs);
                    await task.ArrivedAsync(TaskText.Of(ErrorCodes.TaskMigrationArrived, source.Name, host, watch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)));
                }

                cancelled = watched == Watched.Cancelled;
                using var landed = await migrating;
                MigrationLog.MigrateCallReturned(logger, source.Name, host, watch.ElapsedMilliseconds - setupMs, setupMs);
            }

            // libvirt said done; the source's disks go only once the destination itself shows the guest.
            step = ErrorCodes.TaskFailedMigrationConfirm;
            cancelled = false;
            if (await Task.Run(() => Confirm(destination, request), CancellationToken.None) is { } missing)
            {
                await task.FailAsync(TaskText.Of(step).Because(missing));
                MigrationLog.Failed(logger, source.Name, host, step, missing.ToString());
                return;
            }

            MigrationLog.Migrated(logger, source.Name, host, watch.Elapsed.TotalSeconds);
            await task.LogAsync(TaskText.Of(ErrorCodes.TaskMigrationConfirmed, source.Name, host, watch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)), 99);
            foreach (var disk in source.Disks)
            {
                await RemoveSourceDiskAsync(task, disk.SourcePath);
            }

            await task.SucceedAsync(TaskText.Of(ErrorCodes.TaskMigrated, source.Name, host));
            MigrationLog.Succeeded(logger, source.Name, host, task.Id);
        }
        catch (Exception ex) when (arrived && step == ErrorCodes.TaskFailedMigration && ex is LibvirtException or LibvirtUnavailableException)
        {
            // The destination resumed the guest, so only libvirt's confirm step here failed: the source's copy
            // may be left paused or defined, the source's disks stay; the guest runs over there.
            MigrationLog.SourceNotStopped(logger, source.Name, host, ex.Message);
            await task.LogAsync(TaskText.Of(ErrorCodes.TaskMigrationSourceNotStopped).Because(TaskCauses.Of(ex, "migrate")));
            await task.SucceedAsync(TaskText.Of(ErrorCodes.TaskMigrated, source.Name, host));
        }
        catch (Exception ex) when (ex is LibvirtException or LibvirtUnavailableException or OperationCanceledException)
        {
            cancelled |= cancel.IsCancellationRequested && step != ErrorCodes.TaskFailedMigrationConfirm;
            await RemoveCreatedAsync(destination, request, created);

            // A closed destination connection says more than libvirt's socket error: that host's agent or libvirtd went away.
            var cause = destination.IsAlive ? TaskCauses.Of(ex, "migrate") : Failure.Of(ErrorCodes.MigrationDestinationLost, host);
            if (cancelled)
            {
                await task.CancelledAsync(TaskText.Of(ErrorCodes.TaskMigrationCancelled, source.Name));
                MigrationLog.Cancelled(logger, source.Name, host);
            }
            else
            {
                await task.FailAsync(TaskText.Of(step).Because(cause));
                MigrationLog.Failed(logger, source.Name, host, step, ex.Message);
            }
        }
        finally
        {
            await Task.Run(destination.Dispose, CancellationToken.None);
            await link.Tunnel.DisposeAsync();
            await RefreshQuietlyAsync(request.Uuid);
        }
    }

    /// <summary>
    /// Until the migrate call returns: pushes the job statistics, and on a cancel or a lost
    /// destination aborts the job (retrying while libvirt has not started it yet). A destination
    /// libvirtd that dies midway closes the connection to it, but the source's QEMU may still be
    /// sending to the orphaned QEMU over there: without the abort the task would wait for the whole
    /// copy and only then fail. What, if anything, made it abort the job; or, the moment the destination
    /// resumed the guest, that it runs there (the call still has libvirt's confirm step to go).
    /// </summary>
    private static async Task<Watched> WatchAsync(TaskHandle task, LibvirtDomain domain, LibvirtConnection destination, Task migrating, Task? arrived, CancellationToken cancel)
    {
        var aborted = Watched.Ended;
        arrived ??= Task.Delay(Timeout.Infinite, CancellationToken.None);
        while (!migrating.IsCompleted)
        {
            await Task.WhenAny(migrating, arrived, Task.Delay(WatchInterval, CancellationToken.None));
            if (arrived.IsCompleted)
            {
                // Running over there: an abort now could only fail, and the statistics have ended.
                return Watched.Arrived;
            }

            if (migrating.IsCompleted)
            {
                break;
            }

            try
            {
                var reason = cancel.IsCancellationRequested ? Watched.Cancelled : destination.IsAlive ? Watched.Ended : Watched.DestinationLost;
                if (reason != Watched.Ended && aborted == Watched.Ended)
                {
                    await Task.Run(domain.AbortJob, CancellationToken.None);
                    aborted = reason;
                }
                else if (aborted == Watched.Ended)
                {
                    var stats = await Task.Run(() => domain.GetJobStats(), CancellationToken.None);
                    if (stats.Type != DomainJobType.None && stats.DataTotal is > 0 and var total)
                    {
                        var processed = (long)(stats.DataProcessed ?? 0);
                        var progress = new MigrationProgress(
                            processed,
                            (long)total,
                            (long)(stats.DataRemaining ?? 0),
                            (long)((stats.MemoryBytesPerSecond ?? 0) + (stats.DiskBytesPerSecond ?? 0)),
                            (long)(stats.DowntimeMs ?? 0),
                            (long)(stats.TimeElapsedMs ?? 0));
                        await task.MigrationProgressAsync(progress, (int)Math.Clamp(processed * 100 / (long)total, 2, 98));
                    }
                }
            }
            catch (LibvirtException)
            {
                // No job yet (the migration is still being prepared) or it just ended: try again next round.
            }
        }

        return aborted;
    }

    private static string CreateVolume(LibvirtConnection destination, string poolName, DiskToCopy disk)
    {
        using var pool = destination.LookupStoragePoolByName(poolName);
        var xml = new XElement(
            "volume",
            new XElement("name", disk.VolumeName),
            new XElement("capacity", new XAttribute("unit", "bytes"), disk.CapacityBytes),
            new XElement("allocation", 0),
            new XElement("target", new XElement("format", new XAttribute("type", disk.Format))));
        using var volume = pool.CreateVolumeXml(xml.ToString());
        return volume.GetPath();
    }

    private static MigrationParameters Parameters(
        LibvirtDomain domain, MigrationRequest request, MigrationSource source, MigrationTunnel tunnel, Dictionary<string, string> moved)
    {
        // The copy lands where the destination pool keeps its volumes: the definitions there name those paths.
        var relocated = moved.Any(m => m.Key != m.Value);
        return new MigrationParameters
        {
            // The source's QEMU sends to the tunnel's ports on this host's loopback; the destination's
            // QEMU listens on the same ports on its own loopback, where the destination agent delivers.
            MigrateUri = request.Live ? $"tcp://127.0.0.1:{tunnel.MemoryPort}" : null,
            ListenAddress = request.Live ? request.Destination.ListenAddress : null,
            // An offline migration's disks were copied before (CopyDisksAsync): libvirt only moves the definition.
            DisksPort = request.Live && source.Disks.Count > 0 ? tunnel.DisksPort : null,
            MigrateDisks = request.Live ? [.. source.Disks.Select(d => d.Target)] : [],
            BandwidthMiBps = request.BandwidthMiBps > 0 ? (ulong)request.BandwidthMiBps : null,
            DestinationXml = relocated ? DiskRelocation.Relocate(domain.GetMigratableXml(), moved) : null,
            PersistentXml = relocated && source.Persistent ? DiskRelocation.Relocate(domain.GetXmlDesc(inactive: true, secure: true), moved) : null,
        };
    }

    private static MigrationFlags Flags(MigrationRequest request, MigrationSource source)
    {
        var flags = MigrationFlags.PersistDestination | (request.Live ? MigrationFlags.Live : MigrationFlags.Offline);
        if (source.Persistent)
        {
            flags |= MigrationFlags.UndefineSource;
        }

        // Shared storage is the administrator's word (pools marked shared): libvirt trusts only cluster
        // file systems on its own, so the disks left in place need Unsafe, the ones libvirt copies (live
        // only) NonSharedDisk. An offline migration's copies are made beforehand, in place for libvirt.
        var libvirtCopies = request.Live && source.Disks.Count > 0;
        if (libvirtCopies)
        {
            flags |= MigrationFlags.NonSharedDisk;
        }

        return libvirtCopies && source.Disks.Count == source.FileDisks.Count ? flags : flags | MigrationFlags.Unsafe;
    }

    private static Failure? Confirm(LibvirtConnection destination, MigrationRequest request)
    {
        using var arrived = destination.LookupDomainByUuid(request.Uuid);
        return request.Live && !arrived.IsActive() ? Failure.Of(ErrorCodes.MigrationNotRunning, arrived.Name) : null;
    }

    private async Task RemoveSourceDiskAsync(TaskHandle task, string path)
    {
        try
        {
            await session.RunAsync(c => { using var volume = c.LookupStorageVolumeByPath(path); volume.Delete(); }, CancellationToken.None);
            await task.LogAsync(TaskText.Of(ErrorCodes.TaskMigrationSourceDiskRemoved, path));
        }
        catch (Exception ex) when (ex is LibvirtException or LibvirtUnavailableException)
        {
            // The guest runs on the destination with its copy; the old file is only space to reclaim.
            MigrationLog.CleanupFailed(logger, path, ex.Message);
        }
    }

    /// <summary>Removes the volumes made for a copy that did not happen, unless the destination holds the guest after all.</summary>
    private async Task RemoveCreatedAsync(LibvirtConnection destination, MigrationRequest request, List<string> created)
    {
        if (created.Count == 0)
        {
            return;
        }

        try
        {
            await Task.Run(
                () =>
                {
                    try
                    {
                        destination.LookupDomainByUuid(request.Uuid).Dispose();
                        return;
                    }
                    catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoDomain)
                    {
                        // Not there: the volumes are unused.
                    }

                    using var pool = destination.LookupStoragePoolByName(request.DestinationPool!);
                    pool.Refresh();
                    foreach (var name in created)
                    {
                        using var volume = pool.LookupVolumeByName(name);
                        volume.Delete();
                    }
                },
                CancellationToken.None);
        }
        catch (LibvirtException ex)
        {
            MigrationLog.CleanupFailed(logger, string.Join(", ", created), ex.Message);
        }
    }

    private async Task RefreshQuietlyAsync(string uuid)
    {
        try
        {
            await inventory.RefreshGuestAsync(uuid, CancellationToken.None);
        }
        catch (Exception ex) when (ex is LibvirtException or LibvirtUnavailableException)
        {
            // The lifecycle events bring the inventory up to date as well.
            MigrationLog.CleanupFailed(logger, "inventory", ex.Message);
        }
    }

    /// <summary>How the watch ended: what, if anything, made it abort the migration job, or the guest running over there.</summary>
    private enum Watched
    {
        Ended,
        Cancelled,
        DestinationLost,

        /// <summary>The destination resumed the guest before the migrate call returned.</summary>
        Arrived,
    }
}
