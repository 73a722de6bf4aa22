namespace WebVirt.Libvirt.Domains;

/// <summary>
/// virDomainShutdownFlagValues / virDomainRebootFlagValues (the same bits): how the guest is asked.
/// With several bits libvirt tries them in its own order (the agent before ACPI) and uses the first that works.
/// </summary>
[Flags]
public enum DomainShutdownMode : uint
{
    /// <summary>The hypervisor's choice (QEMU: the agent when connected, else ACPI).</summary>
    Default = 0,
    AcpiPowerButton = 1,
    GuestAgent = 2,
}
