using System.Globalization;
using Microsoft.AspNetCore.Components.Authorization;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;

namespace WebVirt.Web.Endpoints;

/// <summary>
/// A guest's thumbnail as an image the browser fetches by URL. The pages only change the URL's
/// version at each refresh: the PNG goes from the agent straight into the response, instead of
/// living in the circuit as a base64 string (above the large object heap's threshold) that is
/// diffed and sent over the circuit's socket every few seconds per open guest page.
/// </summary>
public static class ScreenshotEndpoints
{
    /// <summary>The thumbnail's URL; a new <paramref name="version"/> makes the browser fetch it again.</summary>
    public static string PathFor(string hostId, string uuid, int version) =>
        $"/screens/{Uri.EscapeDataString(hostId)}/{Uri.EscapeDataString(uuid)}.png?v={version.ToString(CultureInfo.InvariantCulture)}";

    public static IEndpointRouteBuilder MapScreenshotEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Not RequireAuthorization: an image answers with a status, never with the login page.
        endpoints.MapGet("/screens/{hostId}/{uuid}.png", GetAsync);
        return endpoints;
    }

    private static async Task<IResult> GetAsync(
        string hostId, string uuid, HttpContext context, IScreenshotGateway screenshots, AuthenticationStateProvider authentication)
    {
        // A screen changes every moment and is only for this user: never kept by any cache.
        context.Response.Headers.CacheControl = "private, no-store";
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        // The gateway asks Blazor's authentication state who is calling; outside a circuit that is this request's user.
        if (authentication is IHostEnvironmentAuthenticationStateProvider host)
        {
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(context.User)));
        }

        try
        {
            var png = await screenshots.GetThumbnailPngAsync(hostId, uuid, context.RequestAborted);
            return png is null ? Results.NotFound() : Results.Bytes(png, "image/png");
        }
        catch (AgentCallException ex) when (ex.ErrorCode == ErrorCodes.Forbidden)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
    }
}
