namespace WebVirt.Domain.Guests;

/// <summary>
/// Everything the creation wizard asks for. Nothing here is trusted: it goes through
/// <see cref="Validation.GuestSpecValidator"/> before any XML is built from it.
/// </summary>
public sealed record GuestSpec(
    string Name,
    GuestSource Source,
    int VCpus,
    long MemoryMiB,
    GuestDisk Disk,
    GuestNic Nic)
{
    /// <summary>osinfo-db short id such as debian11; optional.</summary>
    public string? OsVariant { get; init; }

    /// <summary>
    /// osinfo-db's family of <see cref="OsVariant"/> (winnt, linux, ...), looked up by the agent in
    /// its own database, never taken from the caller: it picks the guest's device models.
    /// </summary>
    public string? OsFamily { get; init; }

    /// <summary>The Windows driver ISO attached as a second CD-ROM; null: none.</summary>
    public DriversIso? DriversIso { get; init; }

    public Firmware Firmware { get; init; } = Firmware.Bios;

    /// <summary>An emulated TPM 2.0 (swtpm), as Windows 11 requires.</summary>
    public bool Tpm { get; init; }

    /// <summary>pc, q35 or a versioned pc-i440fx-*/pc-q35-* machine type.</summary>
    public string MachineType { get; init; } = "q35";

    /// <summary>Null picks the accelerator's default: host-passthrough on KVM, maximum under TCG.</summary>
    public CpuMode? CpuMode { get; init; }

    public string? CustomCpuModel { get; init; }

    public Accelerator Accelerator { get; init; } = Accelerator.Kvm;

    public bool StartAfterCreate { get; init; }

    public bool Autostart { get; init; }

    public string? Description { get; init; }
}
