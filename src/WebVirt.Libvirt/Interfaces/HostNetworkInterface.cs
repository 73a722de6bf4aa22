using WebVirt.Libvirt.Networks;

namespace WebVirt.Libvirt.Interfaces;

public sealed record HostIpAddress(IpAddressType Type, string Address, int PrefixLength);

// OperState is the kernel's operstate (up, down, unknown, dormant, ...); BridgeMaster the bridge
// this interface is a port of, if any.
public sealed record HostNetworkInterface(
    string Name,
    string MacAddress,
    IReadOnlyList<HostIpAddress> Addresses,
    string OperState,
    int Mtu,
    bool IsBridge,
    string? BridgeMaster);
