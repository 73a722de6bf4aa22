using Microsoft.AspNetCore.Http.HttpResults;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;

namespace WebVirt.Web.Api;

/// <summary>Finds the guest a /hosts/{hostId}/guests/{uuid} path names, or the problem that says why there is none.</summary>
public static class ApiGuestLookup
{
    /// <summary>The guest, or the problem saying why not: an unknown host and an unknown guest of a known host get their own codes, as in the UI.</summary>
    public static async Task<(GuestInfo? Guest, ProblemHttpResult? Problem)> FindAsync(IInventoryGateway inventory, string hostId, string uuid)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        if (await inventory.FindGuestAsync(hostId, uuid) is { } guest)
        {
            return (guest, null);
        }

        return (null, ApiProblems.From((await inventory.GetHostsAsync()).Any(host => host.HostId == hostId)
            ? ActionResult.Fail(ErrorCodes.GuestMissing, uuid)
            : ActionResult.Fail(ErrorCodes.UnknownHost, hostId)));
    }
}
