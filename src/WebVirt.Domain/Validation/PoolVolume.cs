namespace WebVirt.Domain.Validation;

/// <summary>A volume as libvirt reports it; <paramref name="Format"/> is libvirt's name (qcow2, raw, iso).</summary>
public sealed record PoolVolume(string Path, string Format);
