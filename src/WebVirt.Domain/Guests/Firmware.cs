namespace WebVirt.Domain.Guests;

public enum Firmware
{
    Bios,

    /// <summary>UEFI (OVMF) without Secure Boot.</summary>
    Uefi,

    /// <summary>UEFI with Secure Boot and Microsoft's keys enrolled (q35 with SMM only).</summary>
    UefiSecureBoot,
}
