using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using WebVirt.Web.Audit;
using WebVirt.Web.Data;
using WebVirt.Web.Resources;
using WebVirt.Web.Security;

namespace WebVirt.Web.Api;

/// <summary>
/// Signs an /api request in as the owner of its <c>Authorization: Bearer</c> token, with the weaker
/// of the token's scope and the owner's role of the moment. Nothing is cached: a revoked or expired
/// token, or a disabled owner, is refused from the next call on. The token itself is never logged.
/// </summary>
public sealed partial class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IDbContextFactory<WebDbContext> contexts,
    ApiTokenPrincipals principals,
    AuditLog audit,
    TimeProvider time,
    IStringLocalizer<ApiResource> texts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string RefusedAction = "api-token-refused";
    private const string BearerPrefix = "Bearer ";
    private const string RefusalItem = "WebVirt.ApiTokenRefusal";

    /// <summary>How often the last-used time is written while a token keeps being used (the address is written whenever it changes).</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromSeconds(30);

    private readonly ILogger _log = loggerFactory.CreateLogger<ApiTokenAuthenticationHandler>();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(ApiErrorCodes.TokenMissing);
        }

        if (!ApiTokenSecret.TryParse(header[BearerPrefix.Length..].Trim(), out var publicId, out var secret))
        {
            return Refuse(ApiErrorCodes.TokenInvalid);
        }

        await using var db = await contexts.CreateDbContextAsync(Context.RequestAborted);
        var token = await db.ApiTokens.AsNoTracking().SingleOrDefaultAsync(t => t.PublicId == publicId, Context.RequestAborted);
        if (token is null || !ApiTokenSecret.Matches(secret, token.SecretHash))
        {
            return Refuse(ApiErrorCodes.TokenInvalid);
        }

        var (principal, owner, refusal) = await principals.ForAsync(token, Context.RequestAborted);
        if (principal is null)
        {
            // A real token that no longer works is worth an audit entry; guessed ones only cost a rate-limit permit.
            await RecordRefusalAsync(owner?.UserName, token.Name, refusal!);
            return Refuse(refusal!);
        }

        var now = time.GetUtcNow();
        var address = Context.Connection.RemoteIpAddress?.ToString() ?? "";
        if (token.LastUsedAt is not { } lastUsed || now - lastUsed >= LastUsedResolution || token.LastUsedAddress != address)
        {
            await db.ApiTokens.Where(t => t.Id == token.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.LastUsedAt, now).SetProperty(t => t.LastUsedAddress, address), Context.RequestAborted);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(principal, ApiTokenClaims.Scheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var code = Context.Items[RefusalItem] as string ?? ApiErrorCodes.TokenMissing;
        Response.Headers.WWWAuthenticate = code == ApiErrorCodes.TokenMissing ? "Bearer" : "Bearer error=\"invalid_token\"";
        return ApiProblems.Write(Context, StatusCodes.Status401Unauthorized, code, texts[code]);
    }

    private AuthenticateResult Refuse(string code)
    {
        Context.Items[RefusalItem] = code;
        return AuthenticateResult.Fail(code);
    }

    private async Task RecordRefusalAsync(string? ownerName, string tokenName, string code)
    {
        Refused(_log, ownerName ?? "(unknown)", tokenName, code);
        await audit.WriteAsync(new AuditEntry
        {
            UserName = AuditText.Bounded(ownerName ?? "(unknown)"),
            Action = RefusedAction,
            Result = AuditEntry.ResultError,
            Detail = AuditText.Sanitize($"{ApiTokenClaims.AuditNote(tokenName)}: {code}", AuditEntry.DetailMaxLength),
        });
    }

    [LoggerMessage(EventId = 3401, Level = LogLevel.Warning, Message = "API token '{TokenName}' of {UserName} refused: {Code}")]
    private static partial void Refused(ILogger logger, string userName, string tokenName, string code);
}
