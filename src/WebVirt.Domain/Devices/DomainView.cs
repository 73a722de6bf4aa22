namespace WebVirt.Domain.Devices;

/// <summary>A typed view of a domain XML for the guest page; read by <see cref="DomainXmlReader"/>.</summary>
public sealed record DomainView(
    string Name,
    string? Uuid,
    string Type,
    string? MachineType,
    string Firmware,
    string? CpuMode,
    int MaximumVCpus,
    int CurrentVCpus,
    CpuTopology? Topology,
    long MaximumMemoryMiB,
    long CurrentMemoryMiB,
    IReadOnlyList<string> BootOrder,
    bool BootMenu,
    IReadOnlyList<DiskView> Disks,
    IReadOnlyList<NicView> Nics,
    IReadOnlyList<string> Graphics,
    bool HasSerial)
{
    /// <summary>UEFI with Secure Boot asked for (firmware feature or a secure loader).</summary>
    public bool SecureBoot { get; init; }

    /// <summary>The TPM's model (tpm-crb, tpm-tis) when the guest has one.</summary>
    public string? TpmModel { get; init; }
}

public sealed record CpuTopology(int Sockets, int Cores, int Threads);

/// <summary>A disk, CD-ROM or floppy; <paramref name="SourcePath"/> is null for an empty drive.</summary>
public sealed record DiskView(string Device, string? Bus, string? Target, string? SourcePath, string? Format, bool ReadOnly, string? Cache);

/// <summary>A network card; <paramref name="SourceType"/> is libvirt's interface type (network, bridge, ...).</summary>
public sealed record NicView(string? Mac, string SourceType, string? SourceName, string? Model, bool LinkUp);
