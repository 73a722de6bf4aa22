namespace WebVirt.Domain.Tests.Libvirt;

/// <summary>A theory that only runs where OVMF is installed: UEFI guests cannot be defined without it.</summary>
public sealed class SkippableUefiTheoryAttribute : TheoryAttribute
{
    public const string OvmfDirectory = "/usr/share/OVMF";

    public SkippableUefiTheoryAttribute()
    {
        if (!Directory.Exists(OvmfDirectory) || !Directory.EnumerateFiles(OvmfDirectory, "OVMF_CODE*.fd").Any())
        {
            Skip = $"OVMF is not installed ({OvmfDirectory})";
        }
    }
}
