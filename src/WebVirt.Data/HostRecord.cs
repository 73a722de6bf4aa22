namespace WebVirt.Data;

/// <summary>A hypervisor host as its agent last reported it.</summary>
public sealed class HostRecord
{
    public const int HostIdMaxLength = 64;

    /// <summary>A DNS name's longest form (RFC 1035).</summary>
    public const int MigrationAddressMaxLength = 253;

    public string HostId { get; set; } = "";

    public string Hostname { get; set; } = "";

    /// <summary>Whether new guests on this host are created with TCG emulation instead of KVM; the one setting libvirt does not hold.</summary>
    public bool UseEmulation { get; set; }

    /// <summary>
    /// The host name or IP address other hosts' agents reach this host's agent at for a migration's
    /// streams; null for the address the console reaches it at. Set by an administrator.
    /// </summary>
    public string? MigrationAddress { get; set; }

    public string LibvirtVersion { get; set; } = "";

    public string HypervisorVersion { get; set; } = "";

    public DateTimeOffset FirstSeenAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }
}
