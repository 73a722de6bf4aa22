namespace WebVirt.Domain.Guests;

/// <summary>
/// The virtio driver ISO for Windows (virtio-win.iso) in a storage pool, attached read-only as a
/// second CD-ROM after the install media so Windows Setup can load the disk and network drivers.
/// </summary>
public sealed record DriversIso(string Pool, string VolumePath);
