namespace WebVirt.Libvirt.Domains;

/// <summary>virDomainMigrateFlags, with libvirt's values.</summary>
[Flags]
public enum MigrationFlags : uint
{
    None = 0,

    /// <summary>Keep the guest running while its memory is copied.</summary>
    Live = 1,

    /// <summary>The source libvirtd talks to the destination itself (required by MigrateToUri).</summary>
    PeerToPeer = 2,

    /// <summary>Carry the migration stream through the libvirtd connection instead of a QEMU port (needs PeerToPeer).</summary>
    Tunnelled = 4,

    /// <summary>Define the guest on the destination (else it is transient there).</summary>
    PersistDestination = 8,

    /// <summary>Remove the definition from the source once the destination runs it.</summary>
    UndefineSource = 16,

    Paused = 32,

    /// <summary>Copy every writable disk (or those named in MigrationParameters.MigrateDisks).</summary>
    NonSharedDisk = 64,

    NonSharedIncremental = 128,
    ChangeProtection = 256,

    /// <summary>Migrate although libvirt cannot tell that the disks are on shared storage.</summary>
    Unsafe = 512,

    /// <summary>Move only the definition of a shut-off guest; needs PersistDestination and no Live.</summary>
    Offline = 1024,

    Compressed = 2048,
    AbortOnError = 4096,
    AutoConverge = 8192,
    RdmaPinAll = 16384,
    Postcopy = 32768,
    Tls = 65536,
    Parallel = 131072,
    NonSharedSynchronousWrites = 262144,
    PostcopyResume = 524288,
    ZeroCopy = 1048576,
}
