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

    /// <summary>
    /// Besides the firmware build, the UEFI variable store must change: Debian's plain OVMF build
    /// still enforces Secure Boot with the Microsoft keys a Secure Boot store holds, and a plain store
    /// has no keys to enforce. libvirt re-creates the store from the new firmware's template only on a
    /// start with VIR_DOMAIN_START_RESET_NVRAM, so the guest is started paused with it and destroyed
    /// at once, before it runs a single instruction; when that fails the old definition is put back.
    /// </summary>
    public Task<ActionResult> SetSecureBootAsync(string uuid, bool enabled, CancellationToken ct) =>
        editor.RunAsync(uuid, "SetGuestSecureBoot", g =>
        {
            string old = g.Persistent();
            var edited = FirmwareEditor.SetSecureBoot(old, enabled, g.Active, g.Limits());
            if (edited.Value is not { } xml)
            {
                return GuestEdit.Refused(edited.Problems);
            }

            if (DomainXmlReader.Read(old).SecureBoot == enabled)
            {
                return g.Applied(allLive: true);
            }

            g.RedefineThenLive(xml, () =>
            {
                g.Domain.Create(DomainStartFlags.Paused | DomainStartFlags.ResetNvram);
                g.Domain.Destroy();
            });
            return g.Applied(allLive: true);
        }, ct);

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
