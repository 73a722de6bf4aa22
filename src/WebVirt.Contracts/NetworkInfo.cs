namespace WebVirt.Contracts;

public enum VirtualNetworkMode
{
    Nat,
    Routed,
    Isolated,
    Open,
    Bridge,
}

public enum VirtualNetworkAction
{
    Start,
    Stop,
    AutostartOn,
    AutostartOff,
}

/// <summary>A virtual network of a host; addresses in CIDR notation (the gateway's address and the prefix).</summary>
public sealed record VirtualNetworkSummary(
    string HostId,
    string Name,
    string Uuid,
    VirtualNetworkMode Mode,
    string? Bridge,
    string? Ipv4,
    string? Ipv6,
    string? DhcpRange,
    bool Active,
    bool Autostart,
    bool Persistent,
    IReadOnlyList<DhcpHostEntry> StaticHosts,
    NetworkBootSettings? Boot = null,
    bool BootPending = false);

/// <summary>
/// A network's PXE boot server as its definition holds it (libvirt's &lt;tftp&gt; and &lt;bootp&gt;). On a
/// summary it is the persistent definition's; <c>BootPending</c> there says the running network still
/// serves other settings (libvirt cannot change TFTP on a running network: they apply at its next start).
/// All three null in a change: network boot off.
/// </summary>
/// <param name="TftpRoot">The host folder the network's dnsmasq serves over TFTP.</param>
/// <param name="BootFile">The file, relative to <paramref name="TftpRoot"/>, DHCP tells clients to boot.</param>
/// <param name="BootServer">Another TFTP server's IPv4 address (DHCP's next-server); null for this network's own.</param>
public sealed record NetworkBootSettings(string? TftpRoot, string? BootFile, string? BootServer = null);

/// <summary>A static DHCP lease: the guest with <paramref name="Mac"/> always gets <paramref name="Ip"/>.</summary>
public sealed record DhcpHostEntry(string Mac, string Ip, string? Name = null);

public sealed record DhcpLeaseInfo(string? Mac, string IpAddress, uint Prefix, string? Hostname, DateTimeOffset ExpiresAt);

/// <summary>
/// A network to define. IPv4/IPv6 fields are optional where the mode allows.
/// </summary>
/// <param name="TftpRoot">Network boot (PXE): the host folder the network's dnsmasq serves over TFTP; null for none.</param>
/// <param name="BootFile">Network boot: the file, relative to <paramref name="TftpRoot"/>, DHCP tells clients to boot.</param>
/// <param name="BootServer">Network boot: another TFTP server's IPv4 address (DHCP's next-server); null for this network's own.</param>
public sealed record VirtualNetworkCreateRequest(
    string Name,
    VirtualNetworkMode Mode,
    string? BridgeName = null,
    string? ForwardDevice = null,
    string? Ipv4Cidr = null,
    string? Ipv4DhcpStart = null,
    string? Ipv4DhcpEnd = null,
    string? Ipv6Prefix = null,
    string? DomainName = null,
    bool Start = true,
    bool Autostart = true,
    string? TftpRoot = null,
    string? BootFile = null,
    string? BootServer = null);
