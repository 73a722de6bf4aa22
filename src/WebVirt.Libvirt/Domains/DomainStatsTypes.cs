namespace WebVirt.Libvirt.Domains;

// Values of virDomainStatsTypes.
[Flags]
public enum DomainStatsTypes
{
    State = 1,
    CpuTotal = 2,
    Balloon = 4,
    Vcpu = 8,
    Interface = 16,
    Block = 32,
    Perf = 64,
    IoThread = 128,
    Memory = 256,
    DirtyRate = 512,
}
