using WebVirt.Contracts;

namespace WebVirt.Web.Components.Pages;

/// <summary>
/// The firmware and TPM of the System step. An OS that osinfo-db says cannot boot with BIOS gets
/// UEFI; a Windows one of those (Windows 11) also gets Secure Boot and a TPM 2.0, which Microsoft
/// requires of it, as far as the host offers them (the step says what the host lacks).
/// </summary>
public partial class CreateGuestPage
{
    private void ApplyFirmwareDefaults(OsVariantDto os)
    {
        if (!os.RequiresUefi || _limits is null)
        {
            return;
        }

        bool windows = string.Equals(os.Family, "winnt", StringComparison.Ordinal);
        if (windows && _limits.SecureBootAvailable)
        {
            _m.Firmware = GuestFirmware.UefiSecureBoot;
            _m.MachineType = "q35";
        }
        else if (_limits.OvmfAvailable)
        {
            _m.Firmware = GuestFirmware.Uefi;
        }

        if (windows && _limits.TpmAvailable)
        {
            _m.Tpm = true;
        }
    }

    private void FirmwareChanged(GuestFirmware firmware)
    {
        _m.Firmware = firmware;
        Edited("Firmware");

        // OVMF's Secure Boot builds need SMM, which only q35 has.
        if (firmware == GuestFirmware.UefiSecureBoot && !_m.MachineType.StartsWith("pc-q35-", StringComparison.Ordinal))
        {
            _m.MachineType = "q35";
        }
    }
}
