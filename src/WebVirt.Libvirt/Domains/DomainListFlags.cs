namespace WebVirt.Libvirt.Domains;

/// <summary>virConnectListAllDomainsFlags: filters for <see cref="Connection.LibvirtConnection.ListAllDomains"/>.</summary>
[Flags]
public enum DomainListFlags : uint
{
    None = 0,
    Active = 1,
    Inactive = 2,
    Persistent = 4,
    Transient = 8,
    Running = 16,
    Paused = 32,
    Shutoff = 64,
    Other = 128,
    ManagedSave = 256,
    NoManagedSave = 512,
    Autostart = 1024,
    NoAutostart = 2048,
    HasSnapshot = 4096,
    NoSnapshot = 8192,
    HasCheckpoint = 16384,
    NoCheckpoint = 32768,
}
