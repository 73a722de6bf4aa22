namespace WebVirt.Libvirt.Networks;

// ExpiryTime is seconds since the epoch; optional fields are null when dnsmasq did not record them.
public sealed record NetworkDhcpLease(
    string Interface,
    long ExpiryTime,
    IpAddressType Type,
    string? Mac,
    string? Iaid,
    string IpAddress,
    uint Prefix,
    string? Hostname,
    string? ClientId);
