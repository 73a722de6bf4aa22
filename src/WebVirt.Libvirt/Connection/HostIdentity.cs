namespace WebVirt.Libvirt.Connection;

// A hypervisor host as its capabilities name it: libvirt refuses a migration between two daemons
// with the same Uuid. CpuModel is null when libvirt could not name the host's CPU.
public sealed record HostIdentity(string Uuid, string Arch, string? CpuModel);
