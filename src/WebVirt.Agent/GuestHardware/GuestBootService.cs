using WebVirt.Contracts;
using WebVirt.Domain.Devices;
using WebVirt.Domain.Validation;

namespace WebVirt.Agent.GuestHardware;

/// <summary>Boot order and boot menu: firmware settings, so they only ever apply at the next boot.</summary>
internal sealed class GuestBootService(GuestEditor editor)
{
    public Task<ActionResult> SetBootOrderAsync(string uuid, GuestBootChange boot, CancellationToken ct) =>
        editor.RunAsync(uuid, "SetGuestBootOrder", g =>
        {
            var problems = new List<ValidationProblem>();
            var devices = EditRequests.BootDevices(boot.Devices, problems);
            var edited = DomainXmlEditor.SetBootOrder(g.Persistent(), new BootOrderSpec(devices, boot.BootMenu));
            if (problems.Count > 0 || edited.Value is not { } xml)
            {
                return GuestEdit.Refused([.. problems, .. edited.Problems]);
            }

            g.Redefine(xml);
            return g.Applied(allLive: false);
        }, ct);
}
