using Microsoft.AspNetCore.Http.HttpResults;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Audit;
using WebVirt.Web.Data;
using WebVirt.Web.Security;

namespace WebVirt.Web.Api;

/// <summary>
/// Runs around every /api/v1 endpoint: hands the token's user to the gateway (through
/// <see cref="ApiRequestUser"/>), turns a failed gateway read into problem details, and writes one
/// audit entry per call naming the token. Changes also get the gateway's own entry, as from the UI.
/// </summary>
public sealed partial class ApiCallFilter(ApiRequestUser apiRequest, AuditLog audit, ILogger<ApiCallFilter> logger) : IEndpointFilter
{
    public const string CallAction = "api-call";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        apiRequest.User = http.User;
        object? result;
        try
        {
            result = await next(context);
        }
        catch (AgentCallException ex)
        {
            result = ApiProblems.From(ex);
        }

        // A handler's Results<…> wraps the result it chose.
        var chosen = result is INestedHttpResult nested ? nested.Result : result;
        var status = (chosen as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        var userName = http.User.Identity?.Name ?? "(anonymous)";
        var tokenName = ApiTokenClaims.TokenNameOf(http.User) ?? "";
        var code = (chosen as ProblemHttpResult)?.ProblemDetails.Extensions.TryGetValue("code", out var value) == true ? value as string : null;
        Called(logger, userName, tokenName, http.Request.Method, http.Request.Path, status);
        await audit.WriteAsync(new AuditEntry
        {
            UserName = AuditText.Bounded(userName),
            Action = CallAction,
            Result = status < 400 ? AuditEntry.ResultOk : AuditEntry.ResultError,
            Detail = AuditText.Sanitize(
                $"{http.Request.Method} {http.Request.Path} {status}{(code is null ? "" : " " + code)} {ApiTokenClaims.AuditNote(tokenName)}",
                AuditEntry.DetailMaxLength),
        });
        return result;
    }

    [LoggerMessage(EventId = 3402, Level = LogLevel.Information, Message = "API call by {UserName} with token '{TokenName}': {Method} {Path} -> {Status}")]
    private static partial void Called(ILogger logger, string userName, string tokenName, string method, string path, int status);
}
