using WebVirt.Contracts;
using WebVirt.Domain.Devices;

namespace WebVirt.Agent.GuestHardware;

/// <summary>
/// The TPM and Secure Boot switches: they change how QEMU is started (swtpm, the firmware build),
/// so they are made on the persistent definition of a shut-off guest only.
/// </summary>
internal sealed class GuestFirmwareService(GuestEditor editor)
{
    public Task<ActionResult> SetTpmAsync(string uuid, bool enabled, CancellationToken ct) =>
        editor.RunAsync(uuid, "SetGuestTpm", g => Apply(g, FirmwareEditor.SetTpm(g.Persistent(), enabled, g.Active, g.Limits())), ct);

    public Task<ActionResult> SetSecureBootAsync(string uuid, bool enabled, CancellationToken ct) =>
        editor.RunAsync(uuid, "SetGuestSecureBoot", g => Apply(g, FirmwareEditor.SetSecureBoot(g.Persistent(), enabled, g.Active, g.Limits())), ct);

    private static ActionResult Apply(GuestEdit guest, Domain.Validation.ValidationResult<string> edited)
    {
        if (edited.Value is not { } xml)
        {
            return GuestEdit.Refused(edited.Problems);
        }

        guest.Redefine(xml);
        return guest.Applied(allLive: true);
    }
}
