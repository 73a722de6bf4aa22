using System.Net;
using Microsoft.Extensions.Localization;
using WebVirt.Web.Api;
using WebVirt.Web.Data;
using WebVirt.Web.Resources;

namespace WebVirt.Web.Faults;

/// <summary>
/// The last word on a request that failed: instead of the browser's bare "HTTP ERROR 500" (or an
/// exception text), a short page in the user's language. When the database is away it says the
/// service is temporarily unavailable (503) and reloads itself every few seconds, so a new tab or
/// a login goes on by itself once the database is back. API clients get the same answer as problem
/// details with a stable code instead of a page.
/// </summary>
internal sealed partial class OutagePageMiddleware(
    RequestDelegate next, DatabaseHealth database, IStringLocalizer<FaultResource> texts, IStringLocalizer<ApiResource> apiTexts, ILogger<OutagePageMiddleware> logger)
{
    public const int RetrySeconds = 3;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            var outage = database.Report(ex);
            RequestFailed(logger, context.Request.Path, outage, ex);
            context.Response.Clear();
            context.Response.StatusCode = outage ? (int)HttpStatusCode.ServiceUnavailable : (int)HttpStatusCode.InternalServerError;
            if (outage)
            {
                context.Response.Headers.RetryAfter = RetrySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                string code = outage ? ApiErrorCodes.DatabaseUnavailable : ApiErrorCodes.ServerError;
                await ApiProblems.Write(context, context.Response.StatusCode, code, apiTexts[code]);
                return;
            }

            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(Page(outage), context.RequestAborted);
        }
    }

    private string Page(bool outage) => PlainPage.Html(
        texts["Outage.Title"], outage ? texts["Outage.Database"] : texts["Outage.Error"], "", texts["Outage.Retry"], "outage-page", outage ? RetrySeconds : null);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Error, Message = "Request {Path} failed (database unreachable: {Outage}); the user sees the outage page")]
    private static partial void RequestFailed(ILogger logger, PathString path, bool outage, Exception exception);
}
