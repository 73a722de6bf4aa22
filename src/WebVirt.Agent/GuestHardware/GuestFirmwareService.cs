using System.Xml.Linq;
using Microsoft.Extensions.Options;
using WebVirt.Agent.Configuration;
using WebVirt.Contracts;
using WebVirt.Domain.Devices;

namespace WebVirt.Agent.GuestHardware;

/// <summary>
/// The TPM and Secure Boot switches: they change how QEMU is started (swtpm, the firmware build),
/// so they are made on the persistent definition of a shut-off guest only.
/// </summary>
internal sealed partial class GuestFirmwareService(GuestEditor editor, IOptions<AgentOptions> options, ILogger<GuestFirmwareService> logger)
{
    /// <summary>
    /// Adds or removes the emulated TPM. Removing it also deletes its state (keys, sealed secrets) once
    /// the definition no longer has it, as the guest page's confirmation says: a TPM added later starts
    /// empty rather than with the old keys, and nothing is left behind in swtpm's folder.
    /// </summary>
    public Task<ActionResult> SetTpmAsync(string uuid, bool enabled, CancellationToken ct) =>
        editor.RunAsync(uuid, "SetGuestTpm", g =>
        {
            string old = g.Persistent();
            ActionResult result = Apply(g, FirmwareEditor.SetTpm(old, enabled, g.Active, g.Limits()));
            if (result.Ok && !enabled && HasEmulatedTpm(old))
            {
                RemoveState(g.Domain.Uuid);
            }

            return result;
        }, ct);

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

    private static bool HasEmulatedTpm(string domainXml) =>
        XDocument.Parse(domainXml).Root!.Element("devices")?.Elements("tpm").Elements("backend").Any(b => (string?)b.Attribute("type") == "emulator") == true;

    // The UUID is libvirt's own for the domain just edited, not the caller's text.
    private void RemoveState(string uuid)
    {
        try
        {
            if (SwtpmStateFolder.Remove(options.Value.SwtpmStateDirectory, uuid, out string? refusal))
            {
                Log.StateRemoved(logger, uuid);
            }
            else if (refusal is not null)
            {
                Log.StateKept(logger, uuid, refusal);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The TPM is out of the definition either way; what is left is only disk space.
            Log.StateKept(logger, uuid, ex.Message);
        }
    }

    private static ActionResult Apply(GuestEdit guest, Domain.Validation.ValidationResult<string> edited)
    {
        if (edited.Value is not { } xml)
        {
            return GuestEdit.Refused(edited.Problems);
        }

        guest.Redefine(xml);
        return guest.Applied(allLive: true);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7111, Level = LogLevel.Information, Message = "Removed the emulated TPM state of guest {Uuid}")]
        public static partial void StateRemoved(ILogger logger, string uuid);

        [LoggerMessage(EventId = 7112, Level = LogLevel.Warning, Message = "The emulated TPM state of guest {Uuid} was kept: {Reason}")]
        public static partial void StateKept(ILogger logger, string uuid, string reason);
    }
}
