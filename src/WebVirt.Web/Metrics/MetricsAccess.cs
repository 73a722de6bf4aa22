using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using WebVirt.Web.Security;

namespace WebVirt.Web.Metrics;

/// <summary>
/// Who may read /metrics: a request with an API token that carries the metrics right (checked by
/// the token handler like any API call: not revoked, not expired, owner active), or a client whose
/// address is in WebVirt:Metrics:AllowedAddresses. Anyone else gets 401 (no or a refused token) or
/// 403 (a valid token without the right), and never a figure.
/// </summary>
public sealed class MetricsAccessRequirement : IAuthorizationRequirement
{
    public const string Policy = "WebVirtMetrics";
}

public sealed partial class MetricsAccessHandler : AuthorizationHandler<MetricsAccessRequirement>
{
    private readonly MetricsAddressList _allowed;

    public MetricsAccessHandler(IOptions<MetricsOptions> options, ILogger<MetricsAccessHandler> logger)
    {
        _allowed = new MetricsAddressList(options.Value.AllowedAddresses, entry => InvalidEntry(logger, entry));
    }

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, MetricsAccessRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        var allowedAddress = context.Resource is HttpContext http && _allowed.Allows(http.Connection.RemoteIpAddress);
        if (allowedAddress || context.User.HasClaim(ApiTokenClaims.Metrics, "true"))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 3501, Level = LogLevel.Warning,
        Message = "WebVirt:Metrics:AllowedAddresses entry {Entry} is neither an IP address nor a network (CIDR) and is ignored")]
    private static partial void InvalidEntry(ILogger logger, string entry);
}
