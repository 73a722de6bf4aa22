namespace WebVirt.Domain.Networks;

public enum NetworkMode
{
    /// <summary>Guests reach outside through the host's address (forward mode nat).</summary>
    Nat,

    /// <summary>The subnet is routed to the host's LAN without NAT (forward mode route).</summary>
    Routed,

    /// <summary>Guests reach each other and the host only (no forward element).</summary>
    Isolated,

    /// <summary>Routed, but libvirt adds no firewall rules (forward mode open).</summary>
    Open,

    /// <summary>Guests join an existing host bridge such as br0 (forward mode bridge); no addresses of its own.</summary>
    Bridge,
}

/// <summary>
/// A virtual network to define. Nothing here is trusted: it goes through
/// <see cref="NetworkSpecValidator"/> before any XML is built from it.
/// </summary>
public sealed record NetworkSpec(string Name, NetworkMode Mode)
{
    /// <summary>
    /// Bridge mode: the host bridge (required). Other modes: the bridge libvirt creates; null lets
    /// libvirt pick a free virbrN.
    /// </summary>
    public string? BridgeName { get; init; }

    /// <summary>NAT and routed: the host interface traffic leaves through; null = any.</summary>
    public string? ForwardDevice { get; init; }

    public Ipv4Settings? Ipv4 { get; init; }

    public Ipv6Settings? Ipv6 { get; init; }

    /// <summary>DNS domain the network's dnsmasq serves locally (guest.example.lan); optional.</summary>
    public string? DomainName { get; init; }

    /// <summary>A PXE boot server on the network's IPv4 subnet (dnsmasq's TFTP and DHCP boot option); optional.</summary>
    public NetworkBoot? Boot { get; init; }
}

/// <summary>
/// Network boot: the network's dnsmasq serves <paramref name="TftpRoot"/> (a folder on the host)
/// over TFTP and names <paramref name="BootFile"/> in its DHCP answers; <paramref name="NextServer"/>,
/// when set, is another TFTP server the clients fetch the file from instead.
/// </summary>
public sealed record NetworkBoot(string TftpRoot, string BootFile, string? NextServer = null);

/// <summary>What the host's file system says about a network boot folder, read by the agent just before validation.</summary>
/// <param name="Exists">The folder exists.</param>
/// <param name="ReadableByAll">The folder can be listed and entered by any user, and every folder above it entered.</param>
/// <param name="BootFileReadable">The boot file is a regular file in it that any user can read.</param>
public sealed record BootFolderFacts(bool Exists, bool ReadableByAll, bool BootFileReadable);

/// <summary>
/// An IPv4 subnet such as 10.254.1.0/24; the gateway (the host's address on it) defaults to the
/// first usable address. DHCP hands out <paramref name="DhcpStart"/>..<paramref name="DhcpEnd"/>.
/// </summary>
public sealed record Ipv4Settings(string Cidr, string? Gateway = null, string? DhcpStart = null, string? DhcpEnd = null);

/// <summary>An IPv6 prefix such as fd00:254:1::/64, with the same defaults as <see cref="Ipv4Settings"/>.</summary>
public sealed record Ipv6Settings(string Prefix, string? Gateway = null, string? DhcpStart = null, string? DhcpEnd = null);

/// <summary>What the host has, read by the agent just before validation.</summary>
public sealed record NetworkHost
{
    public IReadOnlyList<ExistingNetwork> Networks { get; init; } = [];

    /// <summary>Addresses on the host's interfaces (as <c>ip addr</c> shows them: 192.0.2.2/24).</summary>
    public IReadOnlyList<HostInterfaceAddress> InterfaceAddresses { get; init; } = [];

    /// <summary>Every network interface on the host, bridges included.</summary>
    public IReadOnlyCollection<string> Interfaces { get; init; } = [];

    /// <summary>The host's bridges (a subset of <see cref="Interfaces"/>).</summary>
    public IReadOnlyCollection<string> Bridges { get; init; } = [];

    /// <summary>The spec's network boot folder on the host; null when not read (then it counts as missing).</summary>
    public BootFolderFacts? BootFolder { get; init; }
}

/// <summary>A defined network and its subnets in CIDR notation (host bits may be set: libvirt stores the gateway).</summary>
public sealed record ExistingNetwork(string Name, IReadOnlyList<string> Subnets);

public sealed record HostInterfaceAddress(string Interface, string Cidr);
