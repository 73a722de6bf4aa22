namespace WebVirt.Domain.Guests;

/// <summary>KVM (domain type 'kvm') or QEMU's TCG emulation (domain type 'qemu').</summary>
public enum Accelerator
{
    Kvm,
    Emulation,
}
