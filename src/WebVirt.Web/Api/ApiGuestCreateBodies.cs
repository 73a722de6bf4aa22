using System.Text.Json.Serialization;
using WebVirt.Contracts;

namespace WebVirt.Web.Api;

/// <summary>
/// The body of POST /hosts/{hostId}/guests: one endpoint for every source the creation wizard offers,
/// told apart by <c>source</c> (the OpenAPI document shows the choice with its discriminator). A
/// template is copied; the other sources are the wizard's spec, validated by the agent as the
/// wizard's is.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "source")]
[JsonDerivedType(typeof(ApiGuestFromTemplate), "Template")]
[JsonDerivedType(typeof(ApiGuestFromIso), "IsoVolume")]
[JsonDerivedType(typeof(ApiGuestFromNetworkInstall), "NetworkInstall")]
[JsonDerivedType(typeof(ApiGuestFromImport), "ImportDisk")]
[JsonDerivedType(typeof(ApiGuestFromPxe), "Pxe")]
[JsonDerivedType(typeof(ApiGuestFromCloudImage), "CloudImage")]
public abstract record ApiGuestCreate
{
    /// <summary>The new guest's name.</summary>
    public string? Name { get; init; }

    /// <summary>Start the guest once it is made.</summary>
    public bool Start { get; init; }
}

/// <summary>
/// A copy of the template whose UUID is <see cref="Template"/>; <see cref="Linked"/> makes thin overlays on its qcow2 disks.
/// A template made from a cloud image gives the copy its own cloud-init seed: <see cref="CloudInit"/> sets its host name
/// (left out: the new name) and SSH keys (left out: the template's), <see cref="DiskSizeGiB"/> grows its first disk.
/// </summary>
public sealed record ApiGuestFromTemplate : ApiGuestCreate
{
    public string? Template { get; init; }

    public bool Linked { get; init; }

    public CloneCloudInit? CloudInit { get; init; }

    public long? DiskSizeGiB { get; init; }

    /// <summary>The agent's request (the gateway fills in the source and the user).</summary>
    public CloneGuestRequest ToRequest() =>
        new("", Name?.Trim() ?? "", Start, "", Linked) { CloudInit = CloudInit, DiskSizeGiB = DiskSizeGiB };
}

/// <summary>
/// The wizard's hardware, the same for every installing source, with the wizard's defaults. Disk:
/// NewVolume in <see cref="DiskPool"/> of <see cref="DiskSizeGiB"/>, ExistingVolume at
/// <see cref="DiskPath"/>, or None. Network: LibvirtNetwork or Bridge named <see cref="NetworkName"/>, or None.
/// </summary>
public abstract record ApiGuestFromSpec : ApiGuestCreate
{
    /// <summary>The osinfo short id (debian12, win11…), for the devices and minimums that fit the system.</summary>
    public string? OsVariant { get; init; }

    public int VCpus { get; init; } = 1;

    public long MemoryMiB { get; init; } = 1024;

    public GuestDiskKind Disk { get; init; } = GuestDiskKind.NewVolume;

    public string? DiskPool { get; init; }

    public long DiskSizeGiB { get; init; } = 10;

    public GuestDiskFormat DiskFormat { get; init; } = GuestDiskFormat.Qcow2;

    public bool DiskThin { get; init; } = true;

    public string? DiskPath { get; init; }

    public GuestNetworkKind Network { get; init; } = GuestNetworkKind.LibvirtNetwork;

    public string? NetworkName { get; init; }

    /// <summary>Left out: a fresh 52:54:00 address.</summary>
    public string? Mac { get; init; }

    public string NicModel { get; init; } = "virtio";

    public GuestFirmware Firmware { get; init; } = GuestFirmware.Bios;

    public bool Tpm { get; init; }

    public string MachineType { get; init; } = "q35";

    /// <summary>host-passthrough, host-model, maximum or custom; left out, the accelerator's default.</summary>
    public string? CpuMode { get; init; }

    public string? CustomCpuModel { get; init; }

    public bool Autostart { get; init; }

    public string? Description { get; init; }

    /// <summary>For a Windows guest: the pool of the virtio driver ISO, attached as a second CD-ROM.</summary>
    public string? DriversIsoPool { get; init; }

    /// <summary>The driver ISO's volume path in <see cref="DriversIsoPool"/>; left out, the guest gets devices Windows Setup has drivers for.</summary>
    public string? DriversIsoPath { get; init; }

    /// <summary>The wizard's spec: the shared hardware and this source's fields.</summary>
    public GuestSpecDto ToSpec() => WithSource(new GuestSpecDto
    {
        Name = Name?.Trim() ?? "",
        OsVariant = OsVariant,
        VCpus = VCpus,
        MemoryMiB = MemoryMiB,
        Disk = Disk,
        DiskPool = DiskPool,
        DiskSizeGiB = DiskSizeGiB,
        DiskFormat = DiskFormat,
        DiskThin = DiskThin,
        DiskPath = DiskPath,
        Network = Network,
        NetworkName = NetworkName,
        Mac = Mac,
        NicModel = NicModel,
        Firmware = Firmware,
        Tpm = Tpm,
        MachineType = MachineType,
        CpuMode = CpuMode,
        CustomCpuModel = CustomCpuModel,
        StartAfterCreate = Start,
        Autostart = Autostart,
        Description = Description,
        DriversIsoPool = DriversIsoPool,
        DriversIsoPath = DriversIsoPath,
    });

    protected abstract GuestSpecDto WithSource(GuestSpecDto spec);
}

/// <summary>Installs from the ISO volume at <see cref="SourcePath"/> in <see cref="SourcePool"/>.</summary>
public sealed record ApiGuestFromIso : ApiGuestFromSpec
{
    public string? SourcePool { get; init; }

    public string? SourcePath { get; init; }

    protected override GuestSpecDto WithSource(GuestSpecDto spec) =>
        spec with { Source = GuestSourceKind.IsoVolume, SourcePool = SourcePool, SourcePath = SourcePath };
}

/// <summary>Installs from the network install tree at <see cref="InstallUrl"/>, with <see cref="KernelArgs"/> for the installer.</summary>
public sealed record ApiGuestFromNetworkInstall : ApiGuestFromSpec
{
    public string? InstallUrl { get; init; }

    public string? KernelArgs { get; init; }

    protected override GuestSpecDto WithSource(GuestSpecDto spec) =>
        spec with { Source = GuestSourceKind.NetworkInstall, InstallUrl = InstallUrl, KernelArgs = KernelArgs };
}

/// <summary>
/// Boots the existing disk image volume at <see cref="SourcePath"/>: as is (the guest's disk is that
/// volume; give disk None), or with <see cref="ImportUse"/> Copy or Overlay on a new volume (disk NewVolume).
/// </summary>
public sealed record ApiGuestFromImport : ApiGuestFromSpec
{
    public string? SourcePath { get; init; }

    public GuestImageUse ImportUse { get; init; } = GuestImageUse.AsIs;

    protected override GuestSpecDto WithSource(GuestSpecDto spec) =>
        spec with { Source = GuestSourceKind.ImportDisk, SourcePath = SourcePath, ImportUse = ImportUse };
}

/// <summary>
/// A new volume (disk NewVolume) made from the cloud image at <see cref="SourcePath"/> in
/// <see cref="SourcePool"/>, a full copy or with <see cref="Linked"/> a qcow2 overlay, grown to the
/// disk size, and set up at first boot by cloud-init from <see cref="CloudInit"/>.
/// </summary>
public sealed record ApiGuestFromCloudImage : ApiGuestFromSpec
{
    public string? SourcePool { get; init; }

    public string? SourcePath { get; init; }

    public bool Linked { get; init; }

    public CloudInitDto? CloudInit { get; init; }

    protected override GuestSpecDto WithSource(GuestSpecDto spec) => spec with
    {
        Source = GuestSourceKind.CloudImage,
        SourcePool = SourcePool,
        SourcePath = SourcePath,
        CloudImageLinked = Linked,
        CloudInit = CloudInit,
    };
}

/// <summary>Boots from the network (PXE) on its NIC.</summary>
public sealed record ApiGuestFromPxe : ApiGuestFromSpec
{
    protected override GuestSpecDto WithSource(GuestSpecDto spec) => spec with { Source = GuestSourceKind.Pxe };
}

/// <summary>
/// What a create would do: the XML it would define (null when refused), each refused value and each
/// warning (such as memory below the system's minimum).
/// </summary>
public sealed record ApiGuestPreview(string? Xml, IReadOnlyList<ApiFieldProblem> Problems, IReadOnlyList<ApiFieldProblem> Warnings);

/// <summary>
/// One refused or doubtful value: <see cref="Field"/> the spec's field path as the agent's validation
/// names it, <see cref="Key"/> the stable key of the message, <see cref="Args"/> its arguments and
/// <see cref="Message"/> its wording in the request's language.
/// </summary>
public sealed record ApiFieldProblem(string Field, string Key, IReadOnlyList<string> Args, string Message);
