namespace WebVirt.Data;

/// <summary>
/// A storage pool an administrator marked as shared between hosts (as Proxmox marks storage shared):
/// a migration leaves the disks on it in place instead of copying them. libvirt cannot tell a plain
/// folder every host mounts from a local one, so the console keeps this word.
/// </summary>
public sealed class SharedPoolRecord
{
    /// <summary>libvirt's longest pool name is not bounded; the console's own pool names are far shorter.</summary>
    public const int PoolNameMaxLength = 255;

    public const int UserMaxLength = 256;

    public string HostId { get; set; } = "";

    public string PoolName { get; set; } = "";

    public string MarkedBy { get; set; } = "";

    public DateTimeOffset MarkedAt { get; set; }
}
