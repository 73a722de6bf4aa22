namespace WebVirt.Domain.Cloning;

/// <summary>
/// A clone of a shut-off guest or a template. <paramref name="DiskCopies"/> maps each writable
/// disk's path in the source to the path its copy will have; read-only media stay shared.
/// </summary>
public sealed record CloneRequest(string NewName, IReadOnlyDictionary<string, string> DiskCopies, string CreatedBy, DateTimeOffset CreatedAt)
{
    /// <summary>Overrides the source's vCPU count (a template instantiated with other resources).</summary>
    public int? VCpus { get; init; }

    public long? MemoryMiB { get; init; }
}
