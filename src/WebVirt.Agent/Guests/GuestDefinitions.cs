using WebVirt.Contracts;

namespace WebVirt.Agent.Guests;

/// <summary>The capacity and allocation of a disk's source, and the pool volume it is when it is one.</summary>
internal sealed record DiskSize(string? Pool, string? Volume, long? CapacityBytes, long? AllocationBytes);

/// <summary>
/// What one libvirt round trip reads about a guest for its page: both definitions, the sizes of
/// their disks by source path, and the addresses libvirt knows.
/// </summary>
internal sealed record GuestDefinitions(
    string? LiveXml,
    string PersistentXml,
    bool Active,
    IReadOnlyDictionary<string, DiskSize> DiskSizes,
    IReadOnlyList<GuestAddress> Addresses);
