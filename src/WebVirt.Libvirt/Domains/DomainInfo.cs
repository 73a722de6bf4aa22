namespace WebVirt.Libvirt.Domains;

public sealed record DomainInfo(DomainState State, long MaxMemoryKiB, long MemoryKiB, int VCpus, ulong CpuTimeNs);
