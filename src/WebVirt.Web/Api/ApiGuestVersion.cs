using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Resources;

namespace WebVirt.Web.Api;

/// <summary>
/// A guest's ETag: a hash of what its edits change, its persistent definition (the XML its host's
/// libvirt keeps) and its notes. GET of the guest sends it; a change to the guest (hardware, notes,
/// delete) must send it back in If-Match, so that two clients cannot overwrite each other unseen:
/// none is 428, another one is 412. The check reads the guest again just before the change; libvirt
/// has no conditional define, so a change that lands between that read and the call is not caught.
/// </summary>
public static class ApiGuestVersion
{
    /// <summary>The guest's current ETag, read through the gateway (quoted, strong).</summary>
    public static async Task<string> ReadAsync(IGuestPageGateway guestPage, GuestInfo guest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(guestPage);
        ArgumentNullException.ThrowIfNull(guest);
        var xml = await guestPage.GetGuestXmlAsync(guest.HostId, guest.Uuid, cancellationToken);
        var details = await guestPage.GetGuestDetailsAsync(guest.HostId, guest.Uuid, cancellationToken);
        return Of(xml?.Persistent, details?.Notes);
    }

    public static string Of(string? persistentXml, GuestNotes? notes)
    {
        var material = string.Join('\0', persistentXml ?? "", notes?.Description ?? "", string.Join('\n', notes?.Tags ?? []));
        return "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)), 0, 16) + "\"";
    }

    /// <summary>
    /// Null when the request's If-Match names the guest's current ETag (or is <c>*</c>); otherwise the
    /// 428 or 412 problem. Weak tags never match: If-Match compares strongly.
    /// </summary>
    public static async Task<ProblemHttpResult?> CheckAsync(
        HttpRequest request, IGuestPageGateway guestPage, GuestInfo guest, IStringLocalizer<ApiResource> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(texts);
        if (!request.Headers.ContainsKey(HeaderNames.IfMatch))
        {
            return ApiProblems.Of(StatusCodes.Status428PreconditionRequired, ApiErrorCodes.PreconditionRequired, texts[ApiErrorCodes.PreconditionRequired]);
        }

        var current = await ReadAsync(guestPage, guest, cancellationToken);
        var sent = request.GetTypedHeaders().IfMatch;
        var matches = sent.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || (!tag.IsWeak && tag.Tag.Equals(current, StringComparison.Ordinal)));
        return matches
            ? null
            : ApiProblems.Of(StatusCodes.Status412PreconditionFailed, ApiErrorCodes.PreconditionFailed, texts[ApiErrorCodes.PreconditionFailed]);
    }

    /// <summary>Sends the guest's ETag as it is after a change, so the client can make the next one without reading again.</summary>
    public static async Task SendAsync(HttpResponse response, IGuestPageGateway guestPage, GuestInfo guest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.ETag = await ReadAsync(guestPage, guest, cancellationToken);
    }
}
