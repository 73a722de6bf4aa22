namespace WebVirt.Domain.Validation;

/// <summary>A disk file and its libvirt driver format (qcow2 or raw).</summary>
public sealed record ResolvedDisk(string Path, string Format);
