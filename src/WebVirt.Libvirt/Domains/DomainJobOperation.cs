namespace WebVirt.Libvirt.Domains;

// Values of virDomainJobOperation: what a job (the "operation" statistic) is doing.
public enum DomainJobOperation
{
    Unknown = 0,
    Start = 1,
    Save = 2,
    Restore = 3,
    MigrationIn = 4,
    MigrationOut = 5,
    Snapshot = 6,
    SnapshotRevert = 7,
    Dump = 8,
    Backup = 9,
    SnapshotDelete = 10,
}
