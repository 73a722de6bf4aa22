namespace WebVirt.Domain.Guests;

public enum CpuMode
{
    /// <summary>The host CPU as is; the fastest, KVM only.</summary>
    HostPassthrough,

    /// <summary>A named model close to the host CPU; migrates more easily, KVM only.</summary>
    HostModel,

    /// <summary>Every feature the accelerator can offer; the sane choice under TCG.</summary>
    Maximum,

    /// <summary>A named CPU model such as qemu64 (<see cref="GuestSpec.CustomCpuModel"/>).</summary>
    Custom,
}
