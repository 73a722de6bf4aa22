namespace WebVirt.Contracts;

/// <summary>What a host agent knows of its hypervisor host, including its KVM readiness.</summary>
/// <param name="CpuModel">The processor's name as the host reports it ("Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz").</param>
/// <param name="HypervisorVersion">The hypervisor's name and version as libvirt reports them ("QEMU 7.2.22").</param>
/// <param name="LibvirtCpuModel">The CPU model libvirt sees in the host ("Skylake-Server-IBRS"), what host-model guests get; null when unknown.</param>
public sealed record HostInfo(
    string HostId,
    string Hostname,
    bool Connected,
    string? ConnectionError,
    string CpuModel,
    int Cpus,
    int CpuMhz,
    long MemoryTotalKiB,
    long MemoryFreeKiB,
    KvmStatus Kvm,
    string LibvirtVersion,
    string HypervisorVersion,
    bool UseEmulation,
    DateTimeOffset UpdatedAt,
    string? LibvirtCpuModel = null);

/// <summary>Each check that decides whether guests on this host can use KVM.</summary>
/// <param name="CpuVirtFlag">"vmx", "svm" or null when /proc/cpuinfo shows neither.</param>
/// <param name="KvmModulesLoaded">kvm and kvm_intel/kvm_amd (or another kvm provider) are loaded.</param>
/// <param name="KvmModules">The kvm modules found loaded, for display.</param>
/// <param name="DevKvmUsable">/dev/kvm exists and the QEMU user may open it.</param>
/// <param name="DevKvmDetail">Owner, group and mode of /dev/kvm and QEMU's user, or that it does not exist.</param>
/// <param name="LibvirtOffersKvm">libvirt's capabilities list a kvm domain type.</param>
public sealed record KvmStatus(
    string? CpuVirtFlag,
    bool KvmModulesLoaded,
    IReadOnlyList<string> KvmModules,
    bool DevKvmUsable,
    AgentText DevKvmDetail,
    bool LibvirtOffersKvm)
{
    /// <summary>True when every check passes and KVM acceleration can be expected to work.</summary>
    public bool Ready => CpuVirtFlag is not null && KvmModulesLoaded && DevKvmUsable && LibvirtOffersKvm;
}
