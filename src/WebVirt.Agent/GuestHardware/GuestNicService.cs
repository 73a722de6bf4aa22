using System.Xml.Linq;
using WebVirt.Contracts;
using WebVirt.Domain.Devices;
using WebVirt.Domain.Guests;
using WebVirt.Domain.Validation;

namespace WebVirt.Agent.GuestHardware;

/// <summary>
/// A guest's network cards: add and remove (hot-plugged on a running guest), change source and
/// model, link up/down. libvirt can move a running card to another network or bridge and set its
/// link, but not change its model: that waits for the next boot.
/// </summary>
internal sealed class GuestNicService(GuestEditor editor)
{
    private const DomainModificationImpact Live = DomainModificationImpact.Live;
    private const DomainModificationImpact Config = DomainModificationImpact.Config;

    public Task<ActionResult> AddAsync(string uuid, GuestNicChange nic, CancellationToken ct) =>
        editor.RunAsync(uuid, "AddGuestNic", g =>
        {
            var problems = new List<ValidationProblem>();
            GuestNetwork? network = EditRequests.Network(nic.SourceType, nic.Source, problems);
            if (network is null)
            {
                return GuestEdit.Refused(problems);
            }

            var attach = GuestDeviceBuilder.AttachNic(g.Persistent(), new NicAttachSpec(network, nic.Model, nic.Mac), g.Limits());
            if (attach.Value is not { } element)
            {
                return GuestEdit.Refused(attach.Problems);
            }

            g.Domain.AttachDevice(element.ToString(), g.DeviceImpact(liveCapable: true));
            return g.Applied(allLive: true);
        }, ct);

    public Task<ActionResult> RemoveAsync(string uuid, string mac, CancellationToken ct) =>
        editor.RunAsync(uuid, "RemoveGuestNic", g =>
        {
            var inConfig = DeviceRemoval.Nic(g.Persistent(), mac);
            var inLive = g.Active ? DeviceRemoval.Nic(g.Live(), mac) : null;
            XElement? element = inConfig.Value ?? inLive?.Value;
            if (element is null)
            {
                return GuestEdit.Refused(inConfig.Problems);
            }

            var impact = (inConfig.Value is not null ? Config : 0) | (inLive?.Value is not null ? Live : 0);
            g.Domain.DetachDevice(element.ToString(), impact);
            return ActionResult.Success;
        }, ct);

    public Task<ActionResult> UpdateAsync(string uuid, string mac, GuestNicChange nic, CancellationToken ct) =>
        editor.RunAsync(uuid, "UpdateGuestNic", g =>
        {
            var problems = new List<ValidationProblem>();
            GuestNetwork? network = EditRequests.Network(nic.SourceType, nic.Source, problems);
            if (network is null)
            {
                return GuestEdit.Refused(problems);
            }

            var spec = new NicAttachSpec(network, nic.Model);
            HostLimits limits = g.Limits();
            var config = NicUpdate.Build(g.Persistent(), mac, spec, limits);
            if (config.Value is not { } element)
            {
                return GuestEdit.Refused(config.Problems);
            }

            bool allLive = true;
            if (g.Active)
            {
                var running = DeviceRemoval.Nic(g.Live(), mac).Value;
                allLive = running is not null && (string?)running.Element("model")?.Attribute("type") == nic.Model;
                if (allLive && NicUpdate.Build(g.Live(), mac, spec, limits).Value is { } liveElement)
                {
                    g.Domain.UpdateDevice(liveElement.ToString(), Live);
                }
            }

            g.Domain.UpdateDevice(element.ToString(), Config);
            return g.Applied(allLive);
        }, ct);

    public Task<ActionResult> SetLinkAsync(string uuid, string mac, bool up, CancellationToken ct) =>
        editor.RunAsync(uuid, "SetGuestNicLink", g =>
        {
            var config = GuestDeviceBuilder.SetLinkState(g.Persistent(), mac, up);
            var running = g.Active ? GuestDeviceBuilder.SetLinkState(g.Live(), mac, up) : null;
            if (config.Value is null && running?.Value is null)
            {
                return GuestEdit.Refused(config.Problems);
            }

            if (running?.Value is { } liveElement)
            {
                g.Domain.UpdateDevice(liveElement.ToString(), Live);
            }

            if (config.Value is { } element)
            {
                g.Domain.UpdateDevice(element.ToString(), Config);
            }

            return ActionResult.Success;
        }, ct);
}
