using System.Collections.Concurrent;
using WebVirt.Contracts;

namespace WebVirt.Web.Tests.Infrastructure;

/// <summary>
/// The guests' hardware as the fake agent keeps it, and every hardware edit it was asked for. An
/// accepted edit changes <see cref="Guests"/> the way the agent changes the definition; a refusal
/// (<see cref="NextResult"/>, an unknown guest or device, a shrink) changes nothing.
/// </summary>
public sealed class FakeHardwareState
{
    /// <summary>By guest UUID.</summary>
    public ConcurrentDictionary<string, GuestHardware> Guests { get; } = new(StringComparer.Ordinal);

    /// <summary>Every edit in order: the hub method, the guest and the arguments after the UUID.</summary>
    public ConcurrentQueue<(string Method, string Uuid, object?[] Args)> Calls { get; } = new();

    /// <summary>Answered instead of applying the edit when it is a failure.</summary>
    public ActionResult NextResult { get; set; } = ActionResult.Success;
}

public sealed partial class FakeAgentState
{
    public FakeHardwareState Hardware { get; } = new();
}

public sealed partial class FakeAgentHub
{
    public Task<ActionResult> SetGuestCpus(string uuid, GuestCpuChange change) =>
        Edit(nameof(SetGuestCpus), uuid, [change], hardware => hardware with
        {
            VCpus = change.Current,
            MaxVCpus = change.Maximum,
            Sockets = change.Sockets,
            Cores = change.Cores,
            Threads = change.Threads,
        });

    public Task<ActionResult> SetGuestMemory(string uuid, GuestMemoryChange change) =>
        Edit(nameof(SetGuestMemory), uuid, [change], hardware => hardware with { MemoryMiB = change.CurrentMiB, MaxMemoryMiB = change.MaximumMiB });

    public Task<ActionResult> AddGuestDisk(string uuid, GuestDiskAdd disk) =>
        Edit(nameof(AddGuestDisk), uuid, [disk], hardware =>
        {
            var cdrom = disk.Kind == GuestDiskSourceKind.Cdrom;
            var bus = disk.Bus ?? (cdrom ? "sata" : "virtio");
            var prefix = bus == "virtio" ? "vd" : "sd";
            var target = Enumerable.Range('a', 26).Select(letter => prefix + (char)letter).First(name => hardware.Disks.All(d => d.Target != name));
            var volume = disk.Kind == GuestDiskSourceKind.NewVolume ? disk.Volume ?? $"{target}.{disk.Format}" : disk.Volume;
            var added = new GuestDiskInfo(cdrom ? "cdrom" : "disk", bus, target, volume is null ? null : $"/pools/{disk.Pool}/{volume}",
                cdrom ? "raw" : disk.Format, cdrom, disk.Cache, volume is null ? null : disk.Pool, volume,
                disk.Kind == GuestDiskSourceKind.NewVolume ? disk.SizeBytes : null, null);
            return hardware with { Disks = [.. hardware.Disks, added] };
        });

    public Task<ActionResult> RemoveGuestDisk(string uuid, string target, bool deleteVolume) =>
        EditDisk(nameof(RemoveGuestDisk), uuid, target, [target, deleteVolume], (hardware, _) => hardware with { Disks = [.. hardware.Disks.Where(d => d.Target != target)] });

    public Task<ActionResult> ResizeGuestDisk(string uuid, string target, long newSizeBytes) =>
        EditDisk(nameof(ResizeGuestDisk), uuid, target, [target, newSizeBytes], (hardware, disk) =>
            newSizeBytes <= (disk.CapacityBytes ?? 0) ? null : Replace(hardware, disk, disk with { CapacityBytes = newSizeBytes }));

    public Task<ActionResult> ChangeGuestMedia(string uuid, string target, string? pool, string? volume) =>
        EditDisk(nameof(ChangeGuestMedia), uuid, target, [target, pool, volume], (hardware, disk) => disk.Device != "cdrom" ? null
            : Replace(hardware, disk, disk with { Pool = pool, Volume = volume, SourcePath = volume is null ? null : $"/pools/{pool}/{volume}" }));

    public Task<ActionResult> ChangeGuestDiskSettings(string uuid, string target, string? bus, string? cache) =>
        EditDisk(nameof(ChangeGuestDiskSettings), uuid, target, [target, bus, cache], (hardware, disk) =>
            Replace(hardware, disk, disk with { Bus = bus ?? disk.Bus, Cache = cache ?? disk.Cache }));

    public Task<ActionResult> AddGuestNic(string uuid, GuestNicChange nic) =>
        Edit(nameof(AddGuestNic), uuid, [nic], hardware =>
        {
            var mac = nic.Mac ?? $"52:54:00:00:00:{hardware.Nics.Count + 1:x2}";
            return hardware.Nics.Any(n => n.Mac == mac) ? null
                : hardware with { Nics = [.. hardware.Nics, new GuestNicInfo(mac, nic.SourceType, nic.Source, nic.Model, true)] };
        });

    public Task<ActionResult> RemoveGuestNic(string uuid, string mac) =>
        EditNic(nameof(RemoveGuestNic), uuid, mac, [mac], (hardware, _) => hardware with { Nics = [.. hardware.Nics.Where(n => n.Mac != mac)] });

    public Task<ActionResult> UpdateGuestNic(string uuid, string mac, GuestNicChange nic) =>
        EditNic(nameof(UpdateGuestNic), uuid, mac, [mac, nic], (hardware, old) =>
            ReplaceNic(hardware, old, old with { SourceType = nic.SourceType, Source = nic.Source, Model = nic.Model }));

    public Task<ActionResult> SetGuestNicLink(string uuid, string mac, bool up) =>
        EditNic(nameof(SetGuestNicLink), uuid, mac, [mac, up], (hardware, old) => ReplaceNic(hardware, old, old with { LinkUp = up }));

    public Task<ActionResult> SetGuestBootOrder(string uuid, GuestBootChange boot) =>
        Edit(nameof(SetGuestBootOrder), uuid, [boot], hardware => hardware with { BootOrder = [.. boot.Devices], BootMenu = boot.BootMenu });

    public Task<ActionResult> SetGuestTpm(string uuid, bool enabled) =>
        Edit(nameof(SetGuestTpm), uuid, [enabled], hardware => hardware with { Tpm = enabled ? "tpm-crb" : null });

    public Task<ActionResult> SetGuestSecureBoot(string uuid, bool enabled) =>
        Edit(nameof(SetGuestSecureBoot), uuid, [enabled], hardware => hardware with { SecureBoot = enabled });

    private static GuestHardware Replace(GuestHardware hardware, GuestDiskInfo old, GuestDiskInfo changed) =>
        hardware with { Disks = [.. hardware.Disks.Select(d => d == old ? changed : d)] };

    private static GuestHardware ReplaceNic(GuestHardware hardware, GuestNicInfo old, GuestNicInfo changed) =>
        hardware with { Nics = [.. hardware.Nics.Select(n => n == old ? changed : n)] };

    private Task<ActionResult> EditDisk(string method, string uuid, string target, object?[] args, Func<GuestHardware, GuestDiskInfo, GuestHardware?> change) =>
        Edit(method, uuid, args, hardware => hardware.Disks.FirstOrDefault(d => d.Target == target) is { } disk ? change(hardware, disk) : null);

    private Task<ActionResult> EditNic(string method, string uuid, string mac, object?[] args, Func<GuestHardware, GuestNicInfo, GuestHardware?> change) =>
        Edit(method, uuid, args, hardware => hardware.Nics.FirstOrDefault(n => string.Equals(n.Mac, mac, StringComparison.OrdinalIgnoreCase)) is { } nic ? change(hardware, nic) : null);

    /// <summary>
    /// Applies <paramref name="change"/> (null from it means the agent would refuse), then records the
    /// call: a test that waits for the call may then read the changed state at once.
    /// </summary>
    private Task<ActionResult> Edit(string method, string uuid, object?[] args, Func<GuestHardware, GuestHardware?> change)
    {
        var hardware = state.Hardware;
        var result = Apply(hardware, method, uuid, change);
        hardware.Calls.Enqueue((method, uuid, args));
        return Task.FromResult(result);
    }

    private static ActionResult Apply(FakeHardwareState hardware, string method, string uuid, Func<GuestHardware, GuestHardware?> change)
    {
        if (!hardware.NextResult.Ok)
        {
            return hardware.NextResult;
        }

        if (!hardware.Guests.TryGetValue(uuid, out var current))
        {
            return ActionResult.Fail("VIR_ERR_NO_DOMAIN", $"Domain not found: no domain with matching uuid '{uuid}'");
        }

        if (change(current) is not { } changed)
        {
            return ActionResult.Fail("VIR_ERR_INVALID_ARG", $"{method} refused for guest {uuid}");
        }

        hardware.Guests[uuid] = changed;
        return ActionResult.Success;
    }
}
