namespace WebVirt.Domain.Snapshots;

/// <summary>An internal snapshot to take; <paramref name="IncludeMemory"/> matters only for a running guest.</summary>
public sealed record SnapshotSpec(string Name, string? Description, bool IncludeMemory);

/// <summary>A snapshot as libvirt describes it (virDomainSnapshotGetXMLDesc), read by <see cref="SnapshotXml.Read"/>.</summary>
/// <param name="State">The guest's state when it was taken: running, paused, shutoff...</param>
public sealed record SnapshotView(string Name, string? Description, DateTimeOffset CreatedAt, string State, string? Parent, bool HasMemory);
