namespace WebVirt.Domain.Guests;

public enum Firmware
{
    Bios,
    Uefi,
}
