using System.Diagnostics;
using System.Globalization;
using WebVirt.Agent.Tasks;
using WebVirt.Contracts;

namespace WebVirt.Agent.Migration;

/// <summary>
/// The storage copy of an offline migration. libvirt copies disks only for a running guest (it refuses
/// Offline with NonSharedDisk), so before the offline migration moves the definition, each disk's
/// content goes from its volume here (virStorageVolDownload) into the volume made for it in the
/// destination pool (virStorageVolUpload) through the libvirt connection the tunnel carries: the same
/// pinned, granted agent-to-agent channel as a live migration's streams. Raw volumes travel as sparse
/// streams (holes as their length only, the new raw file reads zeros there); other formats as their
/// file's bytes, whose every range is written. The request's bandwidth limit holds for the data sent;
/// progress is the file bytes covered against the files' total, like a live migration's data.
/// </summary>
internal sealed partial class MigrationService
{
    private async Task CopyDisksAsync(TaskHandle task, MigrationRequest request, MigrationSource source, LibvirtConnection destination, CancellationToken cancel)
    {
        var volumes = new List<(DiskToCopy Disk, LibvirtStorageVolume From, long Length)>();
        try
        {
            foreach (var disk in source.Disks)
            {
                volumes.Add(await session.RunAsync(c =>
                {
                    var volume = c.LookupStorageVolumeByPath(disk.SourcePath);
                    var file = new FileInfo(disk.SourcePath);
                    return (disk, volume, file.Exists ? file.Length : (long)disk.CapacityBytes);
                }, CancellationToken.None));
            }

            var meter = new CopyMeter(task, volumes.Sum(v => v.Length), request.BandwidthMiBps);
            foreach (var (disk, from, length) in volumes)
            {
                var sparse = disk.Format == "raw";
                var watch = Stopwatch.StartNew();
                var sent = await Task.Run(
                    async () =>
                    {
                        using var pool = destination.LookupStoragePoolByName(request.DestinationPool!);
                        using var to = pool.LookupVolumeByName(disk.VolumeName);
                        return await from.CopyContentToAsync(to, sparse, meter.CopiedAsync, cancel);
                    },
                    CancellationToken.None);
                meter.DiskDone(length);
                var seconds = watch.Elapsed.TotalSeconds;
                MigrationLog.DiskCopied(logger, disk.VolumeName, source.Name, request.Destination.HostId, sent, length, seconds, sparse);
                await task.LogAsync(TaskText.Of(ErrorCodes.TaskMigrationDiskCopied, disk.VolumeName, TaskArguments.Bytes(sent), seconds.ToString("0.0", CultureInfo.InvariantCulture)), meter.Percent);
            }
        }
        finally
        {
            foreach (var (_, from, _) in volumes)
            {
                from.Dispose();
            }
        }
    }

    /// <summary>The copy's progress for the task (at most every <see cref="WatchInterval"/>) and its bandwidth limit.</summary>
    private sealed class CopyMeter(TaskHandle task, long total, int bandwidthMiBps)
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private long _done;
        private long _sentBefore;
        private long _sent;
        private TimeSpan _reported;

        public int Percent => total <= 0 ? 2 : (int)Math.Clamp(_done * 100 / total, 2, 98);

        /// <summary>One disk's copy so far: <paramref name="offset"/> of its file covered, <paramref name="sent"/> data bytes sent.</summary>
        public async ValueTask CopiedAsync(long offset, long sent, CancellationToken cancel)
        {
            _sent = _sentBefore + sent;
            var done = _done + offset;
            if (bandwidthMiBps > 0)
            {
                // Ahead of the limit: wait until the data sent so far fits it.
                var due = TimeSpan.FromSeconds(_sent / (bandwidthMiBps * 1024.0 * 1024.0));
                if (due > _watch.Elapsed)
                {
                    await Task.Delay(due - _watch.Elapsed, cancel);
                }
            }

            if (_watch.Elapsed - _reported >= WatchInterval)
            {
                _reported = _watch.Elapsed;
                var elapsed = Math.Max(_watch.Elapsed.TotalSeconds, 0.001);
                var progress = new MigrationProgress(done, total, Math.Max(total - done, 0), (long)(_sent / elapsed), 0, (long)_watch.Elapsed.TotalMilliseconds);
                await task.MigrationProgressAsync(progress, total <= 0 ? 2 : (int)Math.Clamp(done * 100 / total, 2, 98));
            }
        }

        public void DiskDone(long length)
        {
            _done += length;
            _sentBefore = _sent;
        }
    }
}
