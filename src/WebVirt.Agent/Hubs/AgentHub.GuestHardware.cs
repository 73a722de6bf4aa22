using WebVirt.Contracts;

namespace WebVirt.Agent.Hubs;

// PLACEHOLDER: replaced by the GuestHardware feature.
internal sealed partial class AgentHub
{
    public Task<ActionResult> SetGuestCpus(string uuid, GuestCpuChange change) => throw new NotImplementedException("PLACEHOLDER-GuestHardware");

    public Task<ActionResult> SetGuestMemory(string uuid, GuestMemoryChange change) => throw new NotImplementedException("PLACEHOLDER-GuestHardware");

    public Task<ActionResult> AddGuestDisk(string uuid, GuestDiskAdd disk) => throw new NotImplementedException("PLACEHOLDER-GuestHardware");

    public Task<ActionResult> RemoveGuestDisk(string uuid, string target, bool deleteVolume) => throw new NotImplementedException("PLACEHOLDER-GuestHardware");

    public Task<ActionResult> ResizeGuestDisk(string uuid, string target, long newSizeBytes) => throw new NotImplementedException("PLACEHOLDER-GuestHardware");

    public Task<ActionResult> ChangeGuestMedia(string uuid, string target, string? pool, string? volume) => throw new NotImplementedException("PLACEHOLDER-GuestHardware");

    public Task<ActionResult> ChangeGuestDiskSettings(string uuid, string target, string? bus, string? cache) => throw new NotImplementedException("PLACEHOLDER-GuestHardware");

    public Task<ActionResult> AddGuestNic(string uuid, GuestNicChange nic) => throw new NotImplementedException("PLACEHOLDER-GuestHardware");

    public Task<ActionResult> RemoveGuestNic(string uuid, string mac) => throw new NotImplementedException("PLACEHOLDER-GuestHardware");

    public Task<ActionResult> UpdateGuestNic(string uuid, string mac, GuestNicChange nic) => throw new NotImplementedException("PLACEHOLDER-GuestHardware");

    public Task<ActionResult> SetGuestNicLink(string uuid, string mac, bool up) => throw new NotImplementedException("PLACEHOLDER-GuestHardware");

    public Task<ActionResult> SetGuestBootOrder(string uuid, GuestBootChange boot) => throw new NotImplementedException("PLACEHOLDER-GuestHardware");
}
