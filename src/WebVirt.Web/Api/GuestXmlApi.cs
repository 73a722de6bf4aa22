using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Resources;

namespace WebVirt.Web.Api;

/// <summary>
/// A guest's libvirt XML, as the guest page's XML panel shows and edits it: the persistent
/// definition (with the guest's ETag), the live one of a running guest, and a save of an edited
/// persistent definition through the same gateway call (EditGuestXml, the agent's identity checks,
/// libvirt's validating define), guarded by If-Match like every other change to the guest.
/// </summary>
public static class GuestXmlApi
{
    private const string XmlPath = "/hosts/{hostId}/guests/{uuid}/xml";

    public static RouteGroupBuilder MapGuestXmlApi(this RouteGroupBuilder api)
    {
        api.MapGet(XmlPath, GetAsync).WithName("ShowGuestXml")
            .WithSummary("The guest's persistent libvirt XML (application/xml) with the guest's ETag; live=true: the definition the running guest has now.")
            .Produces<string>(StatusCodes.Status200OK, "application/xml")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        ApiGuestChange.Describe(api.MapPut(XmlPath, SaveAsync).WithName("UpdateGuestXml")
            .WithSummary("Replaces the guest's persistent definition with the body (application/xml), as the guest page's XML editor saves it: its name and UUID must stay, and libvirt validates it."))
            .AcceptsXml();
        return api;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetAsync(
        string hostId, string uuid, HttpContext http, IInventoryGateway inventory, IGuestPageGateway guestPage,
        IStringLocalizer<ApiResource> texts, string? live = null)
    {
        var (guest, missing) = await ApiGuestLookup.FindAsync(inventory, hostId, uuid);
        if (guest is null)
        {
            return missing!;
        }

        var wantLive = false;
        if (live is not null && !bool.TryParse(live, out wantLive))
        {
            return ApiProblems.Of(StatusCodes.Status400BadRequest, ApiErrorCodes.FilterInvalid, texts[ApiErrorCodes.FilterInvalid, nameof(live), live, "true, false"]);
        }

        var xml = await guestPage.GetGuestXmlAsync(hostId, guest.Uuid, http.RequestAborted);
        if (xml is null)
        {
            return ApiProblems.From(Contracts.ActionResult.Fail(Contracts.ErrorCodes.GuestMissing, uuid));
        }

        if (wantLive && xml.Live is null)
        {
            return ApiProblems.Of(StatusCodes.Status409Conflict, ApiErrorCodes.NoLiveXml, texts[ApiErrorCodes.NoLiveXml, guest.Name]);
        }

        await ApiGuestVersion.SendAsync(http.Response, guestPage, guest, http.RequestAborted);
        return TypedResults.Text(wantLive ? xml.Live! : xml.Persistent, "application/xml");
    }

    private static Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> SaveAsync([AsParameters] ApiGuestChange edit) =>
        edit.ApplyXmlAsync((guest, xml) => edit.GuestPage.SaveGuestXmlAsync(guest, xml, edit.CancellationToken));
}
