namespace WebVirt.Domain.Guests;

public enum DiskFormat
{
    Qcow2,
    Raw,
}
