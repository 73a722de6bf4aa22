using System.Globalization;
using WebVirt.Contracts;
using WebVirt.Web.Security;

namespace WebVirt.Web.Agents.Gateway;

/// <inheritdoc />
public sealed class GuestHardwareGateway(AgentCallPipeline pipeline) : IGuestHardwareGateway
{
    public Task<ActionResult> SetCpusAsync(GuestInfo guest, GuestCpuChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var detail = change.Sockets is { } sockets
            ? Invariant($"vcpus {change.Current}/{change.Maximum} topology {sockets}x{change.Cores}x{change.Threads}")
            : Invariant($"vcpus {change.Current}/{change.Maximum}");
        return Change(guest, "set-guest-cpus", detail, call => call.Hub.SetGuestCpus(guest.Uuid, change), cancellationToken);
    }

    public Task<ActionResult> SetMemoryAsync(GuestInfo guest, GuestMemoryChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Change(guest, "set-guest-memory", Invariant($"memory {change.CurrentMiB}/{change.MaximumMiB} MiB"),
            call => call.Hub.SetGuestMemory(guest.Uuid, change), cancellationToken);
    }

    public Task<ActionResult> AddDiskAsync(GuestInfo guest, GuestDiskAdd disk, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(disk);
        var source = disk.Kind == GuestDiskSourceKind.NewVolume
            ? Invariant($"{disk.Pool} new {disk.Format} {disk.SizeBytes} bytes")
            : $"{disk.Pool}/{disk.Volume}";
        return Change(guest, "add-guest-disk", $"{disk.Kind} {source} bus={disk.Bus}",
            call => call.Hub.AddGuestDisk(guest.Uuid, disk), cancellationToken);
    }

    public Task<ActionResult> RemoveDiskAsync(GuestInfo guest, string target, bool deleteVolume, CancellationToken cancellationToken = default) =>
        Change(guest, deleteVolume ? "remove-guest-disk-and-volume" : "remove-guest-disk", deleteVolume ? $"{target} +volume" : target,
            call => call.Hub.RemoveGuestDisk(guest.Uuid, target, deleteVolume), cancellationToken);

    public Task<ActionResult> ResizeDiskAsync(GuestInfo guest, string target, long newSizeBytes, CancellationToken cancellationToken = default) =>
        Change(guest, "resize-guest-disk", Invariant($"{target} -> {newSizeBytes} bytes"),
            call => call.Hub.ResizeGuestDisk(guest.Uuid, target, newSizeBytes), cancellationToken);

    public Task<ActionResult> ChangeMediaAsync(GuestInfo guest, string target, string? pool, string? volume, CancellationToken cancellationToken = default) =>
        Change(guest, volume is null ? "eject-guest-media" : "insert-guest-media", volume is null ? target : $"{target} {pool}/{volume}",
            call => call.Hub.ChangeGuestMedia(guest.Uuid, target, pool, volume), cancellationToken);

    public Task<ActionResult> ChangeDiskSettingsAsync(GuestInfo guest, string target, string? bus, string? cache, CancellationToken cancellationToken = default) =>
        Change(guest, "change-guest-disk", $"{target} bus={bus} cache={cache}",
            call => call.Hub.ChangeGuestDiskSettings(guest.Uuid, target, bus, cache), cancellationToken);

    public Task<ActionResult> AddNicAsync(GuestInfo guest, GuestNicChange nic, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nic);
        return Change(guest, "add-guest-nic", $"{nic.SourceType}={nic.Source} model={nic.Model} mac={nic.Mac}",
            call => call.Hub.AddGuestNic(guest.Uuid, nic), cancellationToken);
    }

    public Task<ActionResult> UpdateNicAsync(GuestInfo guest, string mac, GuestNicChange nic, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nic);
        return Change(guest, "update-guest-nic", $"{mac} {nic.SourceType}={nic.Source} model={nic.Model}",
            call => call.Hub.UpdateGuestNic(guest.Uuid, mac, nic), cancellationToken);
    }

    public Task<ActionResult> RemoveNicAsync(GuestInfo guest, string mac, CancellationToken cancellationToken = default) =>
        Change(guest, "remove-guest-nic", mac, call => call.Hub.RemoveGuestNic(guest.Uuid, mac), cancellationToken);

    public Task<ActionResult> SetNicLinkAsync(GuestInfo guest, string mac, bool up, CancellationToken cancellationToken = default) =>
        Change(guest, up ? "guest-nic-link-up" : "guest-nic-link-down", mac, call => call.Hub.SetGuestNicLink(guest.Uuid, mac, up), cancellationToken);

    public Task<ActionResult> SetBootOrderAsync(GuestInfo guest, GuestBootChange boot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(boot);
        return Change(guest, "set-guest-boot-order", $"boot {string.Join(",", boot.Devices)} menu={(boot.BootMenu ? "on" : "off")}",
            call => call.Hub.SetGuestBootOrder(guest.Uuid, boot), cancellationToken);
    }

    public Task<ActionResult> SetTpmAsync(GuestInfo guest, bool enabled, CancellationToken cancellationToken = default) =>
        Change(guest, enabled ? "add-guest-tpm" : "remove-guest-tpm", enabled ? "tpm 2.0 emulator" : "tpm", call => call.Hub.SetGuestTpm(guest.Uuid, enabled), cancellationToken);

    public Task<ActionResult> SetSecureBootAsync(GuestInfo guest, bool enabled, CancellationToken cancellationToken = default) =>
        Change(guest, "set-guest-secure-boot", enabled ? "secure boot on" : "secure boot off", call => call.Hub.SetGuestSecureBoot(guest.Uuid, enabled), cancellationToken);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private Task<ActionResult> Change(GuestInfo guest, string action, string detail, Func<AgentCall, Task<ActionResult>> call, CancellationToken cancellationToken) =>
        pipeline.ChangeAsync(AgentChange.ForGuest(guest, Permission.EditGuest, action, detail), call, cancellationToken);
}
