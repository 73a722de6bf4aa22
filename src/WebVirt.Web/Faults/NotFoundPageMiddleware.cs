using Microsoft.Extensions.Localization;
using WebVirt.Web.Resources;

namespace WebVirt.Web.Faults;

/// <summary>
/// An address that matches no page or endpoint gets a short page in the user's language with a
/// link to the dashboard, instead of the browser's own (English) "page can't be found". Endpoints
/// that answer 404 themselves (uploads, the API) keep their bare answer.
/// </summary>
internal sealed class NotFoundPageMiddleware(RequestDelegate next, IStringLocalizer<FaultResource> texts)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (context.Response.StatusCode != StatusCodes.Status404NotFound || context.Response.HasStarted
            || context.GetEndpoint() is not null || !HttpMethods.IsGet(context.Request.Method)
            || context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        var page = PlainPage.Html(texts["NotFound.Title"], texts["NotFound.Text"], "/", texts["NotFound.Home"], "not-found-page");
        await context.Response.WriteAsync(page, context.RequestAborted);
    }
}
