using WebVirt.Libvirt.Networks;

namespace WebVirt.Libvirt.Domains;

public sealed record DomainIpAddress(IpAddressType Type, string Address, uint Prefix);

// HardwareAddress is null for interfaces the source has no MAC for (the agent's loopback).
public sealed record DomainInterfaceAddresses(string Name, string? HardwareAddress, IReadOnlyList<DomainIpAddress> Addresses);
