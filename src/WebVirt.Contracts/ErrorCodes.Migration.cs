namespace WebVirt.Contracts;

/// <summary>Live and offline migration between hosts: refusals before it starts, the task's log and its failures.</summary>
public static partial class ErrorCodes
{
    /// <summary>{0}: what is wrong in the request (a field name). The console sent an incomplete or malformed migration request or grant.</summary>
    public const string MigrationRequestInvalid = "Migration.RequestInvalid";

    /// <summary>{0}: the guest. A live migration needs a running guest.</summary>
    public const string MigrationNotRunning = "Migration.NotRunning";

    /// <summary>{0}: the guest. An offline migration needs a shut-off guest.</summary>
    public const string MigrationRunning = "Migration.Running";

    /// <summary>{0}: the disk's file, {1}: its backing file. An offline copy moves a volume's file as it is, so a disk layered on a backing file cannot be copied offline (a live copy flattens it).</summary>
    public const string MigrationOfflineBacking = "Migration.OfflineBacking";

    /// <summary>{0}: the destination host, {1}: the system's or libvirt's message. The destination agent or its libvirtd could not be reached through the migration tunnel.</summary>
    public const string MigrationDestinationUnreachable = "Migration.DestinationUnreachable";

    /// <summary>{0}: the destination host. Its libvirt connection (through the tunnel) closed midway, as when its agent or libvirtd stopped: the source aborted the job and kept the guest.</summary>
    public const string MigrationDestinationLost = "Migration.DestinationLost";

    /// <summary>{0}: the destination host. The destination is this same host (same host UUID).</summary>
    public const string MigrationSameHost = "Migration.SameHost";

    /// <summary>{0}: this host's architecture, {1}: the destination's.</summary>
    public const string MigrationArchitecture = "Migration.Architecture";

    /// <summary>{0}: the guest's CPU model (or "host-passthrough"...), {1}: the destination host. libvirt's CPU comparison says the destination cannot run that CPU.</summary>
    public const string MigrationCpuIncompatible = "Migration.CpuIncompatible";

    /// <summary>{0}: the guest, {1}: the destination host, which already has a guest of that name.</summary>
    public const string MigrationNameTaken = "Migration.NameTaken";

    /// <summary>{0}: the pool, {1}: the destination host. No such active pool there.</summary>
    public const string MigrationPoolMissing = "Migration.PoolMissing";

    /// <summary>{0}: the pool, {1}: bytes needed, {2}: bytes free (TaskArguments byte counts).</summary>
    public const string MigrationPoolFull = "Migration.PoolFull";

    /// <summary>{0}: the volume, {1}: the pool. A volume of that name is already in the destination pool.</summary>
    public const string MigrationVolumeExists = "Migration.VolumeExists";

    /// <summary>{0}: the disk's file, which is in no storage pool of this host, so it cannot be copied.</summary>
    public const string MigrationDiskOutsidePools = "Migration.DiskOutsidePools";

    /// <summary>{0}: the disk's file, {1}: its pool (or "-" for none). The disk is not on a pool marked shared between hosts (or the destination does not see its path), so it must be copied, and the request did not allow a copy.</summary>
    public const string MigrationDiskNotShared = "Migration.DiskNotShared";

    /// <summary>{0}: the disk's file, {1}: its pool. Marked shared, but the destination has no volume at that path, so the disk is copied.</summary>
    public const string TaskMigrationSharedPathMissing = "Task.Migration.SharedPathMissing";

    /// <summary>{0}: what was typed as a host's migration address: neither an IP address nor a host name.</summary>
    public const string MigrationAddressInvalid = "Migration.AddressInvalid";

    /// <summary>{0}: the host. The console reaches it without a pinned certificate over https, so it cannot vouch for it to another host.</summary>
    public const string MigrationDestinationNotPinned = "Migration.DestinationNotPinned";

    /// <summary>{0}: the grant. The destination agent has no such grant, or it was used or expired.</summary>
    public const string MigrationGrantUnknown = "Migration.GrantUnknown";

    /// <summary>{0}: the guest, {1}: the destination host.</summary>
    public const string TaskMigrationStartingLive = "Task.Migration.StartingLive";

    /// <summary>{0}: the guest, {1}: the destination host.</summary>
    public const string TaskMigrationStartingOffline = "Task.Migration.StartingOffline";

    /// <summary>{0}: the volume, {1}: the destination pool.</summary>
    public const string TaskMigrationVolumeCreated = "Task.Migration.VolumeCreated";

    /// <summary>{0}: the volume, {1}: data bytes sent (TaskArguments byte count; holes are not sent), {2}: seconds (one decimal). An offline migration copied this disk's content into the destination's volume.</summary>
    public const string TaskMigrationDiskCopied = "Task.Migration.DiskCopied";

    /// <summary>{0}: the guest, {1}: the destination host, {2}: seconds (one decimal).</summary>
    public const string TaskMigrationConfirmed = "Task.Migration.Confirmed";

    /// <summary>{0}: the guest, {1}: the destination host, {2}: seconds (one decimal). The destination resumed the guest; its copy here is being stopped.</summary>
    public const string TaskMigrationArrived = "Task.Migration.Arrived";

    /// <summary>{0}: the cause. The guest runs on the destination, but libvirt's last step here (stopping and undefining the source's copy) failed.</summary>
    public const string TaskMigrationSourceNotStopped = "Task.Migration.SourceNotStopped";

    /// <summary>{0}: the source file removed after the destination confirmed it runs the guest with its copy.</summary>
    public const string TaskMigrationSourceDiskRemoved = "Task.Migration.SourceDiskRemoved";

    /// <summary>{0}: the guest, {1}: the destination host.</summary>
    public const string TaskMigrated = "Task.Migrated";

    /// <summary>{0}: the guest. Cancelled: the guest stays on this host as it was.</summary>
    public const string TaskMigrationCancelled = "Task.Migration.Cancelled";

    /// <summary>{0}: the cause. Step that failed: creating the destination's volumes.</summary>
    public const string TaskFailedMigrationVolumes = "Task.Failed.MigrationVolumes";

    /// <summary>{0}: the cause. Step that failed: copying the disks of an offline migration; the guest stays on this host, the destination's copies are removed.</summary>
    public const string TaskFailedMigrationCopy = "Task.Failed.MigrationCopy";

    /// <summary>{0}: the cause. Step that failed: the migration itself; the guest stays on this host.</summary>
    public const string TaskFailedMigration = "Task.Failed.Migration";

    /// <summary>{0}: the cause. Step that failed: the destination does not show the guest after libvirt reported success; nothing was removed here.</summary>
    public const string TaskFailedMigrationConfirm = "Task.Failed.MigrationConfirm";
}
