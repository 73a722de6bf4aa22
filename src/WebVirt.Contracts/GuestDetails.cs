namespace WebVirt.Contracts;

/// <summary>
/// Everything the guest page's overview and hardware cards show about one guest. <see cref="Hardware"/>
/// is what the guest runs with now (the live definition while it runs, else the persistent one);
/// <see cref="NextBoot"/> is the persistent definition when it differs from the live one, so the page
/// can mark changes that apply at the next boot; null when nothing is pending or the guest is off.
/// </summary>
/// <param name="StateSince">When the guest entered its state, from the agent's history; null when unknown.</param>
/// <param name="OsVariant">The osinfo short id from the creation record or the libosinfo metadata, if any.</param>
/// <param name="DomainType">libvirt's domain type: kvm or qemu (emulation).</param>
/// <param name="Firmware">bios or uefi.</param>
/// <param name="Addresses">IP addresses with the source each came from; empty when the guest is off or none is known.</param>
/// <param name="NotesUnknown">The database did not answer, so <paramref name="Notes"/> is not what is stored: show that, never an empty editor.</param>
public sealed record GuestDetails(
    GuestInfo Guest,
    DateTimeOffset? StateSince,
    string? OsVariant,
    string DomainType,
    string Firmware,
    string? MachineType,
    string? CpuMode,
    GuestHardware Hardware,
    GuestHardware? NextBoot,
    GuestNotes Notes,
    GuestCreationInfo? Creation,
    IReadOnlyList<GuestAddress> Addresses,
    IReadOnlyList<string> Graphics,
    bool HasSerial,
    bool NotesUnknown = false);

/// <summary>The editable hardware of one definition (live or persistent).</summary>
/// <param name="BootOrder">Boot devices in order: hd, cdrom, network.</param>
/// <param name="SecureBoot">UEFI with Secure Boot.</param>
/// <param name="Tpm">The emulated TPM's model (tpm-crb, tpm-tis); null without one.</param>
public sealed record GuestHardware(
    int VCpus,
    int MaxVCpus,
    int? Sockets,
    int? Cores,
    int? Threads,
    long MemoryMiB,
    long MaxMemoryMiB,
    IReadOnlyList<GuestDiskInfo> Disks,
    IReadOnlyList<GuestNicInfo> Nics,
    IReadOnlyList<string> BootOrder,
    bool BootMenu,
    bool SecureBoot = false,
    string? Tpm = null);

/// <summary>A disk or CD-ROM drive of a guest.</summary>
/// <param name="Device">disk, cdrom or floppy.</param>
/// <param name="Target">The guest-side name (vda, sdb...): the key the edit methods take.</param>
/// <param name="SourcePath">The file or volume path; null for an empty CD-ROM drive.</param>
/// <param name="Pool">The storage pool holding <paramref name="SourcePath"/>, when it is a pool volume.</param>
/// <param name="CapacityBytes">Virtual size; null when unknown (empty drive, file outside any pool).</param>
/// <param name="AllocationBytes">Space taken on the host; null when unknown.</param>
public sealed record GuestDiskInfo(
    string Device,
    string? Bus,
    string Target,
    string? SourcePath,
    string? Format,
    bool ReadOnly,
    string? Cache,
    string? Pool,
    string? Volume,
    long? CapacityBytes,
    long? AllocationBytes);

/// <summary>A network card; <paramref name="SourceType"/> is network or bridge (or another libvirt interface type, shown as is).</summary>
public sealed record GuestNicInfo(string Mac, string SourceType, string? Source, string? Model, bool LinkUp);

/// <summary>An IP address of the guest. <paramref name="Source"/>: lease (libvirt DHCP), agent (guest agent) or arp.</summary>
public sealed record GuestAddress(string Interface, string? Mac, string Address, int Prefix, string Source);

/// <summary>The guest's description and tags, kept in PostgreSQL by the agent.</summary>
public sealed record GuestNotes(string Description, IReadOnlyList<string> Tags, string? UpdatedBy = null, DateTimeOffset? UpdatedAt = null)
{
    public static GuestNotes Empty { get; } = new("", []);
}

/// <summary>How and by whom the guest was created, when WebVirt created it.</summary>
/// <param name="SourceKind">iso, url, import, pxe or clone.</param>
/// <param name="Source">The ISO path, URL, image or the template/guest it was cloned from.</param>
public sealed record GuestCreationInfo(string SourceKind, string? Source, string? OsVariant, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>One line of a guest's history on its page: a state change libvirt reported or the agent observed.</summary>
/// <param name="Event">libvirt's event word (started, stopped...) or "observed".</param>
public sealed record GuestHistoryEntry(DateTimeOffset At, GuestState? FromState, GuestState ToState, string Event, string Reason);
