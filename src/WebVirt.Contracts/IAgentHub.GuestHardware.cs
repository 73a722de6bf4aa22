namespace WebVirt.Contracts;

/// <summary>
/// The guest page's hardware edits. Each applies live where libvirt allows it on a running guest and
/// always to the persistent definition; what could not be applied live shows as pending in
/// <see cref="GuestDetails.NextBoot"/>. Every refusal says why and changes nothing.
/// </summary>
public partial interface IAgentHub
{
    Task<ActionResult> SetGuestCpus(string uuid, GuestCpuChange change);

    Task<ActionResult> SetGuestMemory(string uuid, GuestMemoryChange change);

    Task<ActionResult> AddGuestDisk(string uuid, GuestDiskAdd disk);

    /// <summary>
    /// Detaches the disk; with <paramref name="deleteVolume"/> its volume is deleted too unless another guest uses it,
    /// also through a backing file (refused, naming them).
    /// </summary>
    Task<ActionResult> RemoveGuestDisk(string uuid, string target, bool deleteVolume);

    /// <summary>Grows a disk (never shrinks): block resize while running, volume resize when off.</summary>
    Task<ActionResult> ResizeGuestDisk(string uuid, string target, long newSizeBytes);

    /// <summary>Inserts the ISO volume into a CD-ROM drive, or ejects when <paramref name="pool"/> and <paramref name="volume"/> are null.</summary>
    Task<ActionResult> ChangeGuestMedia(string uuid, string target, string? pool, string? volume);

    /// <summary>Changes a disk's bus and/or cache (null keeps it); only while the guest is shut off.</summary>
    Task<ActionResult> ChangeGuestDiskSettings(string uuid, string target, string? bus, string? cache);

    Task<ActionResult> AddGuestNic(string uuid, GuestNicChange nic);

    Task<ActionResult> RemoveGuestNic(string uuid, string mac);

    /// <summary>Changes the source and model of the NIC with that MAC (its MAC stays).</summary>
    Task<ActionResult> UpdateGuestNic(string uuid, string mac, GuestNicChange nic);

    Task<ActionResult> SetGuestNicLink(string uuid, string mac, bool up);

    Task<ActionResult> SetGuestBootOrder(string uuid, GuestBootChange boot);

    /// <summary>Adds an emulated TPM 2.0 or removes the guest's TPM; only while the guest is shut off.</summary>
    Task<ActionResult> SetGuestTpm(string uuid, bool enabled);

    /// <summary>Turns Secure Boot on or off on a UEFI guest; only while the guest is shut off.</summary>
    Task<ActionResult> SetGuestSecureBoot(string uuid, bool enabled);
}
