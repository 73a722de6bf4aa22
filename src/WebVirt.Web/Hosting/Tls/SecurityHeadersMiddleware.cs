namespace WebVirt.Web.Hosting.Tls;

/// <summary>
/// The browser-side protections on every response. The Content-Security-Policy allows scripts
/// only from the console itself (Blazor, MudBlazor, noVNC and xterm.js are all files here, none
/// needs eval or inline script); styles also inline, because MudBlazor and xterm.js set style
/// attributes and style elements; images also as data: and blob: URLs (thumbnails, noVNC's cursor).
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    // HSTS for 180 days, this host only: no includeSubDomains, no preload, since other services
    // under the same domain are none of the console's business.
    public const string StrictTransportSecurity = "max-age=15552000";

    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; " +
        "form-action 'self'; frame-ancestors 'self'";

    public Task InvokeAsync(HttpContext context)
    {
        // At the start of the response, so headers survive an error page that cleared the response.
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            if (http.Request.IsHttps)
            {
                headers.StrictTransportSecurity = StrictTransportSecurity;
            }

            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
