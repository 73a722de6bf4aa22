namespace WebVirt.Contracts;

/// <summary>
/// vCPUs: <paramref name="Maximum"/> defined, <paramref name="Current"/> online. A topology, when
/// given, is all three numbers and multiplies to <paramref name="Maximum"/>. On a running guest the
/// current count is hot-plugged where libvirt allows it; the rest goes to the persistent definition.
/// </summary>
public sealed record GuestCpuChange(int Current, int Maximum, int? Sockets = null, int? Cores = null, int? Threads = null);

/// <summary>Memory in MiB; on a running guest the current size is set through the balloon when it fits under the live maximum.</summary>
public sealed record GuestMemoryChange(long CurrentMiB, long MaximumMiB);

public enum GuestDiskSourceKind
{
    /// <summary>A new volume made in <see cref="GuestDiskAdd.Pool"/> and attached.</summary>
    NewVolume,

    /// <summary>An existing volume (<see cref="GuestDiskAdd.Pool"/> + <see cref="GuestDiskAdd.Volume"/>).</summary>
    ExistingVolume,

    /// <summary>A CD-ROM drive, with the ISO volume (<see cref="GuestDiskAdd.Pool"/> + <see cref="GuestDiskAdd.Volume"/>) or empty when both are null.</summary>
    Cdrom,
}

/// <summary>A disk to add. <paramref name="Bus"/> and <paramref name="Cache"/> are libvirt's words (virtio, sata, scsi, ide; none, writeback...); null picks the default.</summary>
/// <param name="Format">qcow2 or raw, for a new volume.</param>
public sealed record GuestDiskAdd(
    GuestDiskSourceKind Kind,
    string? Pool,
    string? Volume,
    long SizeBytes = 0,
    string Format = "qcow2",
    string? Bus = null,
    string? Cache = null);

/// <summary>A NIC to add or the new source/model of one. <paramref name="SourceType"/> is network or bridge.</summary>
public sealed record GuestNicChange(string SourceType, string Source, string Model = "virtio", string? Mac = null);

/// <summary>Boot devices in order (hd, cdrom, network), each at most once, and whether the firmware shows its boot menu.</summary>
public sealed record GuestBootChange(IReadOnlyList<string> Devices, bool BootMenu);

/// <summary>A snapshot of a guest. <paramref name="State"/> is the guest's state when it was taken (running, shutoff...).</summary>
public sealed record GuestSnapshotInfo(
    string Name,
    string? Description,
    DateTimeOffset CreatedAt,
    string State,
    string? Parent,
    bool IsCurrent,
    bool HasMemory);

/// <param name="IncludeMemory">Also save the running guest's memory, so a revert resumes where it was; ignored for a guest that is off.</param>
public sealed record GuestSnapshotCreate(string Name, string? Description, bool IncludeMemory);

/// <summary>The guest's XML: <paramref name="Live"/> while it runs (else null) and the persistent definition.</summary>
public sealed record GuestXml(string? Live, string Persistent);

/// <summary>
/// What saving an edited persistent XML would change, checked by libvirt without defining it where
/// possible: <paramref name="Diff"/> is a unified diff of the normalized XMLs; <paramref name="Error"/> says why it would be refused (libvirt's verdict, or the problems with the edit).
/// </summary>
public sealed record GuestXmlPreview(bool Ok, string Diff, ActionResult? Error);
