namespace WebVirt.Libvirt.Domains;

// Capacity is what the guest sees, Allocation what the host has written, Physical the size of
// the host file or device.
public sealed record DomainBlockInfo(ulong CapacityBytes, ulong AllocationBytes, ulong PhysicalBytes);
