using WebVirt.Contracts;
using WebVirt.Domain.Devices;

namespace WebVirt.Agent.Guests;

// The feature folder WebVirt.Agent.GuestHardware would otherwise hide the contract's record.
using GuestHardware = WebVirt.Contracts.GuestHardware;

/// <summary>Turns a definition read by <see cref="DomainXmlReader"/> into the page's hardware record.</summary>
internal static class GuestHardwareMapper
{
    private static readonly DiskSize Unknown = new(null, null, null, null);

    public static GuestHardware From(DomainView view, IReadOnlyDictionary<string, DiskSize> sizes) =>
        new(
            view.CurrentVCpus,
            view.MaximumVCpus,
            view.Topology?.Sockets,
            view.Topology?.Cores,
            view.Topology?.Threads,
            view.CurrentMemoryMiB,
            view.MaximumMemoryMiB,
            [.. view.Disks.Select(d => Disk(d, d.SourcePath is { } path && sizes.TryGetValue(path, out DiskSize? size) ? size : Unknown))],
            [.. view.Nics.Select(n => new GuestNicInfo(n.Mac ?? string.Empty, n.SourceType, n.SourceName, n.Model, n.LinkUp))],
            [.. view.BootOrder],
            view.BootMenu,
            view.SecureBoot,
            view.TpmModel);

    /// <summary>
    /// Whether two definitions give the guest the same hardware. Records compare lists by
    /// reference, so the lists are compared item by item.
    /// </summary>
    public static bool Same(GuestHardware a, GuestHardware b) =>
        (a.VCpus, a.MaxVCpus, a.Sockets, a.Cores, a.Threads, a.MemoryMiB, a.MaxMemoryMiB, a.BootMenu, a.SecureBoot, a.Tpm)
            == (b.VCpus, b.MaxVCpus, b.Sockets, b.Cores, b.Threads, b.MemoryMiB, b.MaxMemoryMiB, b.BootMenu, b.SecureBoot, b.Tpm)
        && a.Disks.SequenceEqual(b.Disks)
        && a.Nics.SequenceEqual(b.Nics)
        && a.BootOrder.SequenceEqual(b.BootOrder, StringComparer.Ordinal);

    private static GuestDiskInfo Disk(DiskView disk, DiskSize size) =>
        new(disk.Device, disk.Bus, disk.Target ?? string.Empty, disk.SourcePath, disk.Format, disk.ReadOnly, disk.Cache, size.Pool, size.Volume, size.CapacityBytes, size.AllocationBytes);
}
