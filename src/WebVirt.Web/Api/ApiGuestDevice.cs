using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Resources;

namespace WebVirt.Web.Api;

/// <summary>
/// A disk or NIC a path names (…/disks/{target}, …/nics/{mac}). Checked against the guest's hardware
/// now and at its next boot, so an unknown one is a 404 of its own rather than the agent's 400 for a
/// value it does not know.
/// </summary>
public sealed class ApiGuestDevice
{
    private readonly Func<GuestHardware, bool> _present;
    private readonly string _code;
    private readonly string _name;

    private ApiGuestDevice(Func<GuestHardware, bool> present, string code, string name)
    {
        _present = present;
        _code = code;
        _name = name;
    }

    public static ApiGuestDevice Disk(string target) =>
        new(hardware => hardware.Disks.Any(disk => string.Equals(disk.Target, target, StringComparison.Ordinal)), ApiErrorCodes.DiskMissing, target);

    /// <summary>MAC addresses compare without case, as libvirt compares them.</summary>
    public static ApiGuestDevice Nic(string mac) =>
        new(hardware => hardware.Nics.Any(nic => string.Equals(nic.Mac, mac, StringComparison.OrdinalIgnoreCase)), ApiErrorCodes.NicMissing, mac);

    public async Task<ProblemHttpResult?> FindProblemAsync(
        IGuestPageGateway guestPage, GuestInfo guest, IStringLocalizer<ApiResource> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(guestPage);
        ArgumentNullException.ThrowIfNull(guest);
        ArgumentNullException.ThrowIfNull(texts);
        var details = await guestPage.GetGuestDetailsAsync(guest.HostId, guest.Uuid, cancellationToken);
        if (details is null)
        {
            return ApiProblems.From(ActionResult.Fail(ErrorCodes.GuestMissing, guest.Uuid));
        }

        return _present(details.Hardware) || (details.NextBoot is { } next && _present(next))
            ? null
            : ApiProblems.Of(StatusCodes.Status404NotFound, _code, texts[_code, guest.Name, _name]);
    }
}
