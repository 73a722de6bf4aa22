namespace WebVirt.Domain.Validation;

/// <summary>A volume as libvirt reports it; <paramref name="Format"/> is libvirt's name (qcow2, raw, iso).</summary>
/// <param name="CapacityBytes">The size the guest sees (0 when not read).</param>
public sealed record PoolVolume(string Path, string Format, long CapacityBytes = 0);
