namespace WebVirt.Libvirt.Domains;

// -1 in a field means the hypervisor does not report it.
public sealed record DomainInterfaceStats(
    long RxBytes, long RxPackets, long RxErrors, long RxDrops, long TxBytes, long TxPackets, long TxErrors, long TxDrops);

public sealed record DomainBlockStats(long ReadRequests, long ReadBytes, long WriteRequests, long WriteBytes, long Errors);
