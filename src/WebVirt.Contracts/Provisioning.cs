namespace WebVirt.Contracts;

/// <summary>Where a new guest's operating system comes from.</summary>
public enum GuestSourceKind
{
    IsoVolume,
    NetworkInstall,
    ImportDisk,
    Pxe,

    /// <summary>A cloud image volume copied or overlaid into the new disk, set up by cloud-init (<see cref="GuestSpecDto.CloudInit"/>).</summary>
    CloudImage,
}

/// <summary>How an imported disk image (<see cref="GuestSourceKind.ImportDisk"/>) becomes the guest's disk.</summary>
public enum GuestImageUse
{
    /// <summary>The image itself is the disk.</summary>
    AsIs,

    /// <summary>A full copy into the new disk's pool, grown to its size, in its format.</summary>
    Copy,

    /// <summary>A thin qcow2 overlay in the new disk's pool backed by the image.</summary>
    Overlay,
}

/// <summary>The new guest's main disk.</summary>
public enum GuestDiskKind
{
    NewVolume,
    ExistingVolume,
    None,
}

/// <summary>What the new guest's network card is plugged into.</summary>
public enum GuestNetworkKind
{
    LibvirtNetwork,
    Bridge,
    None,
}

public enum GuestFirmware
{
    Bios,
    Uefi,

    /// <summary>UEFI with Secure Boot and Microsoft's keys enrolled; q35 only.</summary>
    UefiSecureBoot,
}

public enum GuestDiskFormat
{
    Qcow2,
    Raw,
}

/// <summary>
/// Everything the creation wizard asks for, flat so it crosses SignalR as plain JSON. The agent
/// trusts none of it: it validates against the live host before anything is built. The accelerator
/// is the host's (KVM, or TCG when the host is set to emulation), not the caller's.
/// </summary>
public sealed record GuestSpecDto
{
    public string Name { get; init; } = "";

    public GuestSourceKind Source { get; init; } = GuestSourceKind.IsoVolume;

    /// <summary>The pool of the ISO (<see cref="GuestSourceKind.IsoVolume"/>).</summary>
    public string? SourcePool { get; init; }

    /// <summary>The ISO's, the imported disk's or the cloud image's volume path.</summary>
    public string? SourcePath { get; init; }

    /// <summary>For <see cref="GuestSourceKind.ImportDisk"/>: the image as is, or copied or layered into the new disk (<see cref="DiskPool"/>, size, format).</summary>
    public GuestImageUse ImportUse { get; init; } = GuestImageUse.AsIs;

    /// <summary>For <see cref="GuestSourceKind.CloudImage"/>: the new disk is a qcow2 overlay on the image instead of a full copy.</summary>
    public bool CloudImageLinked { get; init; }

    /// <summary>For <see cref="GuestSourceKind.CloudImage"/>: what cloud-init sets up.</summary>
    public CloudInitDto? CloudInit { get; init; }

    public string? InstallUrl { get; init; }

    /// <summary>
    /// The pool of the Windows driver ISO (virtio-win.iso) attached as a second CD-ROM; with it a
    /// Windows guest gets virtio devices, without it emulated ones Windows Setup knows.
    /// </summary>
    public string? DriversIsoPool { get; init; }

    /// <summary>The driver ISO's volume path in <see cref="DriversIsoPool"/>; null: no driver disk.</summary>
    public string? DriversIsoPath { get; init; }

    public string? KernelArgs { get; init; }

    public string? OsVariant { get; init; }

    public int VCpus { get; init; } = 1;

    public long MemoryMiB { get; init; } = 1024;

    public GuestDiskKind Disk { get; init; } = GuestDiskKind.NewVolume;

    public string? DiskPool { get; init; }

    public long DiskSizeGiB { get; init; } = 10;

    public GuestDiskFormat DiskFormat { get; init; } = GuestDiskFormat.Qcow2;

    public bool DiskThin { get; init; } = true;

    /// <summary>The existing volume's path (<see cref="GuestDiskKind.ExistingVolume"/>).</summary>
    public string? DiskPath { get; init; }

    public GuestNetworkKind Network { get; init; } = GuestNetworkKind.LibvirtNetwork;

    /// <summary>The libvirt network's or the bridge's name.</summary>
    public string? NetworkName { get; init; }

    /// <summary>Null or empty: a fresh 52:54:00 address.</summary>
    public string? Mac { get; init; }

    public string NicModel { get; init; } = "virtio";

    public GuestFirmware Firmware { get; init; } = GuestFirmware.Bios;

    /// <summary>An emulated TPM 2.0 (swtpm).</summary>
    public bool Tpm { get; init; }

    public string MachineType { get; init; } = "q35";

    /// <summary>host-passthrough, host-model, maximum, custom; null: the accelerator's default.</summary>
    public string? CpuMode { get; init; }

    public string? CustomCpuModel { get; init; }

    public bool StartAfterCreate { get; init; }

    public bool Autostart { get; init; }

    public string? Description { get; init; }

    /// <summary>The console user asking (recorded in the guest's metadata, the task and the creation record).</summary>
    public string RequestedBy { get; init; } = "";
}

/// <summary>
/// Cloud-init's settings for a guest from a cloud image. The password crosses to the agent once, is
/// kept there only as its SHA-512 crypt hash in the seed, and is never stored or logged.
/// </summary>
public sealed record CloudInitDto
{
    public string UserName { get; init; } = "";

    public string? Password { get; init; }

    /// <summary>OpenSSH public key lines.</summary>
    public IReadOnlyList<string> SshKeys { get; init; } = [];

    /// <summary>Null or empty: the guest's name.</summary>
    public string? HostName { get; init; }

    /// <summary>False: DHCP.</summary>
    public bool StaticNetwork { get; init; }

    /// <summary>Address with prefix length, such as 192.168.122.10/24.</summary>
    public string? Address { get; init; }

    public string? Gateway { get; init; }

    public IReadOnlyList<string> DnsServers { get; init; } = [];

    public IReadOnlyList<string> Packages { get; init; } = [];

    /// <summary>Expert #cloud-config text; its top-level keys replace the ones made from the fields above.</summary>
    public string? UserData { get; init; }

    /// <summary>The same settings without the password, for records and logs.</summary>
    public CloudInitDto WithoutPassword() => this with { Password = null };
}

/// <summary>
/// One refusal or warning. <paramref name="Key"/> names the message in the Domain's validation
/// resources, which the console words in the user's language with <paramref name="Args"/> (invariant text).
/// </summary>
public sealed record ProblemDto(string Field, string Key, IReadOnlyList<string> Args)
{
    /// <summary>For logs and test output, which are not translated.</summary>
    public override string ToString() => $"{Field}: {Key}({string.Join(", ", Args)})";
}

/// <summary>The outcome of a provisioning command: a started task, or why not (then nothing was changed).</summary>
/// <param name="Problems">For <see cref="ErrorCodes.InputInvalid"/>: each refused value.</param>
public sealed record ProvisioningResult(
    bool Ok,
    string? TaskId,
    IReadOnlyList<ProblemDto> Problems,
    Failure? Error = null)
{
    public static ProvisioningResult Started(string taskId) => new(true, taskId, []);

    public static ProvisioningResult Refused(IReadOnlyList<ProblemDto> problems) => new(false, null, problems, Failure.Of(ErrorCodes.InputInvalid));

    public static ProvisioningResult Fail(Failure failure) => new(false, null, [], failure);

    public static ProvisioningResult Fail(string code, params string[] args) => Fail(Failure.Of(code, args));

    /// <summary>The same failure as a provisioning result (problems kept).</summary>
    public static ProvisioningResult From(ActionResult failed) => new(false, null, failed.Problems ?? [], failed.Error);

    [System.Text.Json.Serialization.JsonIgnore]
    public string? ErrorCode => Error?.Code;

    /// <summary>The same outcome as an <see cref="ActionResult"/>, for wording and audit.</summary>
    public ActionResult AsAction() => Ok ? ActionResult.Success : new(false, Error, Problems);

    /// <summary>For logs, audit records and test output: the task, or the code, its arguments and the problems.</summary>
    public override string ToString() => Ok ? $"task {TaskId}" : AsAction().ToString();
}

/// <summary>
/// What a create would do, without doing it: the same validation, the XML it would define (null when
/// refused), and warnings such as "below the OS's minimum memory".
/// </summary>
/// <param name="NicModel">The network card model the guest would get (GuestDeviceModels' rule: a Windows guest without the driver disk gets an Intel card), null without a card or when the spec could not be read.</param>
public sealed record GuestPreview(string? Xml, IReadOnlyList<ProblemDto> Problems, IReadOnlyList<ProblemDto> Warnings, Failure? Error = null, string? NicModel = null)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public string? ErrorCode => Error?.Code;
}

/// <summary>What the wizard offers on this host.</summary>
/// <param name="SecureBootAvailable">libvirt offers a Secure Boot UEFI firmware for q35.</param>
/// <param name="TpmAvailable">libvirt offers the emulated TPM (swtpm is installed).</param>
public sealed record HostLimitsDto(
    int HostCpus,
    long HostMemoryMiB,
    bool OvmfAvailable,
    bool KvmAvailable,
    bool UseEmulation,
    IReadOnlyList<string> Bridges,
    IReadOnlyList<string> MachineTypes,
    IReadOnlyList<string> CpuModes,
    bool SecureBootAvailable = false,
    bool TpmAvailable = false);

public sealed record StoragePoolDto(string Name, string TargetPath, bool Active, long CapacityBytes, long AvailableBytes);

/// <param name="UsedBy">Names of the guests that use the volume, as a disk or through a backing file.</param>
/// <param name="ThroughBacking">Those of <paramref name="UsedBy"/> that use it only as a backing file (a linked clone's base).</param>
public sealed record StorageVolumeDto(
    string Pool, string Name, string Path, string Format, long CapacityBytes, long AllocationBytes, IReadOnlyList<string> UsedBy, IReadOnlyList<string>? ThroughBacking = null);

public sealed record NetworkDto(string Name, bool Active, string? Bridge);

/// <summary>An osinfo-db operating system as the wizard offers it.</summary>
/// <param name="InstallTreeUrl">osinfo-db's x86_64 network install tree, an example of what the URL field takes; null when it names none.</param>
/// <param name="RequiresUefi">osinfo-db says it does not boot with BIOS (Windows 11).</param>
/// <param name="MirrorRoot">The mirror root that tree lies under, when its layout is known; the URL field takes that too.</param>
public sealed record OsVariantDto(
    string ShortId,
    string Name,
    string? Family,
    bool EndOfLife,
    int? MinimumVCpus,
    long? MinimumMemoryMiB,
    long? MinimumDiskGiB,
    int? RecommendedVCpus,
    long? RecommendedMemoryMiB,
    long? RecommendedDiskGiB,
    string? InstallTreeUrl = null,
    string? MirrorRoot = null,
    bool RequiresUefi = false);

/// <summary>A copy of a shut-off guest (or a template) named <paramref name="NewName"/>; every writable disk is copied, ISOs shared.</summary>
/// <summary>
/// Clones a shut-off guest. With <paramref name="Linked"/> each writable qcow2 disk gets a thin qcow2
/// overlay backed by the source's disk instead of a full copy (fast and small, but the source's
/// disk must stay as it is); a source with a raw disk is refused for a linked clone.
/// </summary>
/// <remarks>
/// A source with cloud-init defaults (a guest from a cloud image, <see cref="CloudTemplateInfo"/>) gives
/// the clone a new NoCloud seed: <see cref="CloudInit"/> sets its host name and SSH keys, and
/// <see cref="DiskSizeGiB"/> grows its first disk. A source without them refuses both.
/// </remarks>
public sealed record CloneGuestRequest(string SourceUuid, string NewName, bool StartAfterClone, string RequestedBy, bool Linked = false)
{
    /// <summary>The new seed's host name and keys; null: the clone's name and the template's keys.</summary>
    public CloneCloudInit? CloudInit { get; init; }

    /// <summary>The first disk's new size; null: the source's. Only growing is allowed.</summary>
    public long? DiskSizeGiB { get; init; }
}

/// <summary>What a clone of a cloud template sets in its own seed.</summary>
/// <param name="HostName">Null or empty: the clone's name.</param>
/// <param name="SshKeys">OpenSSH public key lines; null: the template's keys.</param>
public sealed record CloneCloudInit(string? HostName, IReadOnlyList<string>? SshKeys);

/// <summary>
/// A guest's cloud-init defaults, for the clone dialog and the wizard's template source. Without
/// defaults (not made from a cloud image) <see cref="HasDefaults"/> is false and the rest empty.
/// </summary>
/// <param name="SshKeys">The template's public keys (public halves only), to prefill the new guest's.</param>
/// <param name="DiskSizeGiB">The first disk's size, rounded up: the smallest size a clone may take.</param>
public sealed record CloudTemplateInfo(bool HasDefaults, string? UserName, IReadOnlyList<string> SshKeys, long DiskSizeGiB, Failure? Error = null)
{
    public static readonly CloudTemplateInfo None = new(false, null, [], 0);

    [System.Text.Json.Serialization.JsonIgnore]
    public int SshKeyCount => SshKeys.Count;
}

/// <summary>
/// Deletes a guest. <paramref name="ConfirmName"/> must be the guest's name; a running guest is forced
/// off first. With <paramref name="DeleteDisks"/> its writable disk volumes go too, except those another guest uses.
/// </summary>
public sealed record DeleteGuestRequest(string Uuid, string ConfirmName, bool DeleteDisks, string RequestedBy);

/// <summary>What a delete would remove, for the confirmation dialog.</summary>
/// <param name="Disks">The guest's writable disks and who else uses each.</param>
/// <param name="Error">Why there is no plan (then nothing else is set).</param>
public sealed record DeletePlan(string Uuid, string Name, bool Running, IReadOnlyList<StorageVolumeDto> Disks, Failure? Error = null)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public string? ErrorCode => Error?.Code;
}
