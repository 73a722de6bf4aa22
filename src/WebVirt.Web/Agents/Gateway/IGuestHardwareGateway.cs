using WebVirt.Contracts;

namespace WebVirt.Web.Agents.Gateway;

/// <summary>A guest's CPUs, memory, disks, NICs and boot order: <c>IAgentHub.GuestHardware</c>.</summary>
public interface IGuestHardwareGateway
{
    Task<ActionResult> SetCpusAsync(GuestInfo guest, GuestCpuChange change, CancellationToken cancellationToken = default);

    Task<ActionResult> SetMemoryAsync(GuestInfo guest, GuestMemoryChange change, CancellationToken cancellationToken = default);

    Task<ActionResult> AddDiskAsync(GuestInfo guest, GuestDiskAdd disk, CancellationToken cancellationToken = default);

    Task<ActionResult> RemoveDiskAsync(GuestInfo guest, string target, bool deleteVolume, CancellationToken cancellationToken = default);

    Task<ActionResult> ResizeDiskAsync(GuestInfo guest, string target, long newSizeBytes, CancellationToken cancellationToken = default);

    Task<ActionResult> ChangeMediaAsync(GuestInfo guest, string target, string? pool, string? volume, CancellationToken cancellationToken = default);

    Task<ActionResult> ChangeDiskSettingsAsync(GuestInfo guest, string target, string? bus, string? cache, CancellationToken cancellationToken = default);

    Task<ActionResult> AddNicAsync(GuestInfo guest, GuestNicChange nic, CancellationToken cancellationToken = default);

    Task<ActionResult> UpdateNicAsync(GuestInfo guest, string mac, GuestNicChange nic, CancellationToken cancellationToken = default);

    Task<ActionResult> RemoveNicAsync(GuestInfo guest, string mac, CancellationToken cancellationToken = default);

    Task<ActionResult> SetNicLinkAsync(GuestInfo guest, string mac, bool up, CancellationToken cancellationToken = default);

    Task<ActionResult> SetBootOrderAsync(GuestInfo guest, GuestBootChange boot, CancellationToken cancellationToken = default);

    Task<ActionResult> SetTpmAsync(GuestInfo guest, bool enabled, CancellationToken cancellationToken = default);

    Task<ActionResult> SetSecureBootAsync(GuestInfo guest, bool enabled, CancellationToken cancellationToken = default);
}
