using WebVirt.Contracts;
using WebVirt.Domain.Definition;
using WebVirt.Domain.Guests;

namespace WebVirt.Agent.Provisioning;

/// <summary>
/// The wizard's preview: the XML that would be defined, or the problems; and, whenever the spec has
/// its shape, the network card the guest would actually get, so the Network step can say when it is
/// not the chosen one (a Windows guest without the driver disk gets an Intel card).
/// </summary>
internal sealed partial class ProvisioningService
{
    public async Task<GuestPreview> PreviewAsync(GuestSpecDto dto, CancellationToken ct)
    {
        var prepared = await PrepareAsync(dto, ct);
        string? nicModel = SpecMapper.ShapeProblems(dto).Count == 0 && SpecFor(dto) is { Nic.Network: not GuestNetwork.None } spec ? GuestDeviceModels.For(spec).NicModel : null;
        if (prepared.Refusal is ProvisioningResult refusal)
        {
            return new GuestPreview(null, refusal.Problems, [], refusal.Error, nicModel);
        }

        return new GuestPreview(prepared.Xml, [], prepared.Warnings, NicModel: nicModel);
    }

    /// <summary>The caller's spec on this host, with the OS family from this agent's osinfo-db (not the caller's): the family picks the device models.</summary>
    private GuestSpec SpecFor(GuestSpecDto dto)
    {
        GuestSpec spec = SpecMapper.ToSpec(dto, inventory.Host.UseEmulation);
        return spec with { OsFamily = spec.OsVariant is string shortId ? osInfo.FindByShortId(shortId)?.Family : null };
    }
}
