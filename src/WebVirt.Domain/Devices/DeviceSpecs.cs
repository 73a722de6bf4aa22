using WebVirt.Domain.Guests;

namespace WebVirt.Domain.Devices;

public enum DiskBus
{
    Virtio,
    Sata,
    Scsi,
    Ide,
}

/// <summary>QEMU's host page cache use for a disk; <see cref="Default"/> leaves it to the hypervisor (no cache attribute).</summary>
public enum DiskCache
{
    Default,
    None,
    Writeback,
    Writethrough,
    Directsync,
    Unsafe,
}

public enum BootDevice
{
    Hd,
    Cdrom,
    Network,
}

/// <summary>An existing pool volume (a new one is created first, then attached) as a disk on <paramref name="Bus"/>.</summary>
public sealed record DiskAttachSpec(string VolumePath, DiskBus Bus = DiskBus.Virtio, DiskCache Cache = DiskCache.Default);

/// <summary>A CD-ROM drive, empty when <paramref name="IsoPath"/> is null; a null <paramref name="Bus"/> picks SATA on q35, IDE on pc.</summary>
public sealed record CdromAttachSpec(string? IsoPath, DiskBus? Bus = null);

/// <summary>A network card; a null MAC gets a fresh one. <see cref="GuestNetwork.None"/> is refused (nothing to attach).</summary>
public sealed record NicAttachSpec(GuestNetwork Network, string Model = GuestNic.DefaultModel, string? Mac = null);

/// <summary>The firmware's boot device order (os/boot elements) and whether it shows its boot menu.</summary>
public sealed record BootOrderSpec(IReadOnlyList<BootDevice> Devices, bool BootMenu = false);

/// <summary>
/// <paramref name="Maximum"/> vCPUs defined, <paramref name="Current"/> of them online at boot;
/// a topology, when given, is all three numbers and multiplies to <paramref name="Maximum"/>.
/// </summary>
public sealed record VCpuSpec(int Current, int Maximum, int? Sockets = null, int? Cores = null, int? Threads = null);

/// <summary>Memory in MiB: <paramref name="MaximumMiB"/> defined, <paramref name="CurrentMiB"/> given to the guest at boot (the balloon target).</summary>
public sealed record MemorySpec(long CurrentMiB, long MaximumMiB);

/// <summary>A disk's new bus and/or cache mode; null keeps the current value.</summary>
public sealed record DiskSettingsSpec(string Target, DiskBus? Bus = null, DiskCache? Cache = null);

public static class DeviceNames
{
    public static string Bus(DiskBus bus) => bus switch
    {
        DiskBus.Virtio => "virtio",
        DiskBus.Sata => "sata",
        DiskBus.Scsi => "scsi",
        DiskBus.Ide => "ide",
        _ => throw new ArgumentOutOfRangeException(nameof(bus), bus, null),
    };

    /// <summary>libvirt's cache attribute value; null for <see cref="DiskCache.Default"/>.</summary>
    public static string? Cache(DiskCache cache) => cache switch
    {
        DiskCache.Default => null,
        DiskCache.None => "none",
        DiskCache.Writeback => "writeback",
        DiskCache.Writethrough => "writethrough",
        DiskCache.Directsync => "directsync",
        DiskCache.Unsafe => "unsafe",
        _ => throw new ArgumentOutOfRangeException(nameof(cache), cache, null),
    };

    public static string Boot(BootDevice device) => device switch
    {
        BootDevice.Hd => "hd",
        BootDevice.Cdrom => "cdrom",
        BootDevice.Network => "network",
        _ => throw new ArgumentOutOfRangeException(nameof(device), device, null),
    };
}
