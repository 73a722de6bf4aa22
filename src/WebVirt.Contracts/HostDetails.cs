namespace WebVirt.Contracts;

/// <summary>What the host page shows beyond <see cref="HostInfo"/>: network readiness, interfaces, what QEMU offers, and CPU load.</summary>
/// <param name="CpuUsagePercent">Host CPU busy time since the previous call (any caller), 0–100; null on the first call.</param>
/// <param name="DefaultNetworkActive">null when no network named "default" is defined.</param>
/// <param name="NatNetworks">Names of defined NAT networks; they need IP forwarding.</param>
public sealed record HostDetails(
    double? CpuUsagePercent,
    bool? DefaultNetworkActive,
    bool IpForwarding,
    IReadOnlyList<string> NatNetworks,
    IReadOnlyList<HostInterfaceInfo> Interfaces,
    IReadOnlyList<string> MachineTypes,
    IReadOnlyList<string> CpuModels)
{
    /// <summary>libvirt offers a UEFI firmware with Secure Boot (Debian's ovmf); null when the agent did not say.</summary>
    public bool? SecureBootFirmware { get; init; }

    /// <summary>libvirt offers the emulated TPM backend (Debian's swtpm); null when the agent did not say.</summary>
    public bool? TpmEmulator { get; init; }
}

/// <summary>A network interface of the host; <paramref name="Addresses"/> in CIDR notation.</summary>
public sealed record HostInterfaceInfo(string Name, string Mac, IReadOnlyList<string> Addresses, string State, bool IsBridge, string? BridgeMaster);
