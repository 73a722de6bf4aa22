using System.Security.Claims;
using Microsoft.Net.Http.Headers;
using WebVirt.Web.Agents;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Metrics;

/// <summary>
/// A scrape with an API token shows only the hosts and guests the token may see: its owner's rights cut by its
/// scope, as <see cref="VisibleInventory"/> decides for every list of the console. The exporter renders one text
/// for every caller (and keeps it for a moment); this runs after it, on each request's own copy, so one reader's
/// cut never reaches another. A scrape without a token (an allow-listed address: the operator's Prometheus) and
/// a token whose owner sees everything get the exporter's text untouched.
/// </summary>
public sealed class MetricsRightsFilter(RequestDelegate next, RightsEvaluator rights, AgentConnections agents)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.FindFirstValue(ApiTokenClaims.TokenId) is null)
        {
            await next(context);
            return;
        }

        var held = await rights.ForAsync(context.User, context.RequestAborted);
        if (held.AllowsEverywhere(Permission.ViewInventory))
        {
            await next(context);
            return;
        }

        var visible = VisibleInventory.Of(agents.Snapshot, held);
        var hosts = visible.Hosts.Select(host => host.HostId).ToHashSet(StringComparer.Ordinal);
        var guests = visible.Guests.Select(guest => (guest.HostId, guest.Uuid.ToLowerInvariant())).ToHashSet();

        // The text is cut as written: no compressed answer, which could not be read here.
        context.Request.Headers.Remove(HeaderNames.AcceptEncoding);
        var response = context.Response;
        var body = response.Body;
        using var rendered = new MemoryStream();
        response.Body = rendered;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = body;
        }

        if (response.Headers.Remove(HeaderNames.ContentEncoding))
        {
            // Never pass on a text that was not cut.
            response.StatusCode = StatusCodes.Status500InternalServerError;
            response.ContentLength = 0;
            return;
        }

        var filtered = MetricsExpositionFilter.Filter(rendered.GetBuffer().AsSpan(0, (int)rendered.Length),
            hosts.Contains, (host, uuid) => guests.Contains((host, uuid.ToLowerInvariant())));
        response.ContentLength = filtered.Length;
        await body.WriteAsync(filtered, context.RequestAborted);
    }
}
