using WebVirt.Agent.GuestHardware;
using WebVirt.Contracts;

namespace WebVirt.Agent.Hubs;

/// <summary>The guest page's hardware edits (<see cref="GuestCpuMemoryService"/>, <see cref="GuestDiskAddService"/>, <see cref="GuestDiskService"/>, <see cref="GuestNicService"/>, <see cref="GuestBootService"/>, <see cref="GuestFirmwareService"/>).</summary>
internal sealed partial class AgentHub
{
    public Task<ActionResult> SetGuestCpus(string uuid, GuestCpuChange change) =>
        Feature<GuestCpuMemoryService>().SetCpusAsync(uuid, change, Context.ConnectionAborted);

    public Task<ActionResult> SetGuestMemory(string uuid, GuestMemoryChange change) =>
        Feature<GuestCpuMemoryService>().SetMemoryAsync(uuid, change, Context.ConnectionAborted);

    public Task<ActionResult> AddGuestDisk(string uuid, GuestDiskAdd disk) =>
        Feature<GuestDiskAddService>().AddAsync(uuid, disk, Context.ConnectionAborted);

    public Task<ActionResult> RemoveGuestDisk(string uuid, string target, bool deleteVolume) =>
        Feature<GuestDiskService>().RemoveAsync(uuid, target, deleteVolume, Context.ConnectionAborted);

    public Task<ActionResult> ResizeGuestDisk(string uuid, string target, long newSizeBytes) =>
        Feature<GuestDiskService>().ResizeAsync(uuid, target, newSizeBytes, Context.ConnectionAborted);

    public Task<ActionResult> ChangeGuestMedia(string uuid, string target, string? pool, string? volume) =>
        Feature<GuestDiskService>().ChangeMediaAsync(uuid, target, pool, volume, Context.ConnectionAborted);

    public Task<ActionResult> ChangeGuestDiskSettings(string uuid, string target, string? bus, string? cache) =>
        Feature<GuestDiskService>().ChangeSettingsAsync(uuid, target, bus, cache, Context.ConnectionAborted);

    public Task<ActionResult> AddGuestNic(string uuid, GuestNicChange nic) =>
        Feature<GuestNicService>().AddAsync(uuid, nic, Context.ConnectionAborted);

    public Task<ActionResult> RemoveGuestNic(string uuid, string mac) =>
        Feature<GuestNicService>().RemoveAsync(uuid, mac, Context.ConnectionAborted);

    public Task<ActionResult> UpdateGuestNic(string uuid, string mac, GuestNicChange nic) =>
        Feature<GuestNicService>().UpdateAsync(uuid, mac, nic, Context.ConnectionAborted);

    public Task<ActionResult> SetGuestNicLink(string uuid, string mac, bool up) =>
        Feature<GuestNicService>().SetLinkAsync(uuid, mac, up, Context.ConnectionAborted);

    public Task<ActionResult> SetGuestBootOrder(string uuid, GuestBootChange boot) =>
        Feature<GuestBootService>().SetBootOrderAsync(uuid, boot, Context.ConnectionAborted);

    public Task<ActionResult> SetGuestTpm(string uuid, bool enabled) =>
        Feature<GuestFirmwareService>().SetTpmAsync(uuid, enabled, Context.ConnectionAborted);

    public Task<ActionResult> SetGuestSecureBoot(string uuid, bool enabled) =>
        Feature<GuestFirmwareService>().SetSecureBootAsync(uuid, enabled, Context.ConnectionAborted);
}
