using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
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
    UserManager<IdentityUser> users,
    AuditLog audit,
    TimeProvider time,
    IStringLocalizer<ApiResource> texts,
    Security.Rights.RightsEvaluator rights)
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

        var owner = await users.FindByIdAsync(token.UserId);
        var now = time.GetUtcNow();
        var refusal = token.RevokedAt is not null ? ApiErrorCodes.TokenRevoked
            : token.ExpiresAt <= now ? ApiErrorCodes.TokenExpired
            : owner is null || await users.IsLockedOutAsync(owner) ? ApiErrorCodes.OwnerDisabled
            : null;
        var ownerScope = owner is null ? null : ApiTokenScopes.WidestFor(await users.GetRolesAsync(owner));
        // An owner without a global role may still hold grants on some objects; one without any right has nothing to lend.
        if (refusal is null && ownerScope is null && (await rights.ForUserAsync(owner!.Id, Context.RequestAborted)).Reasons.Count == 0)
        {
            refusal = ApiErrorCodes.OwnerDisabled;
        }

        if (refusal is not null || !ApiTokenScopes.TryParse(token.Scope, out var scope))
        {
            // A real token that no longer works is worth an audit entry; guessed ones only cost a rate-limit permit.
            refusal ??= ApiErrorCodes.TokenInvalid;
            await RecordRefusalAsync(owner?.UserName, token.Name, refusal);
            return Refuse(refusal);
        }

        var address = Context.Connection.RemoteIpAddress?.ToString() ?? "";
        if (token.LastUsedAt is not { } lastUsed || now - lastUsed >= LastUsedResolution || token.LastUsedAddress != address)
        {
            await db.ApiTokens.Where(t => t.Id == token.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.LastUsedAt, now).SetProperty(t => t.LastUsedAddress, address), Context.RequestAborted);
        }

        // The scope is a ceiling: the rights evaluator cuts it from the owner's effective rights on every check.
        // The role claim (global checks) is the weaker of scope and global role; an owner without one gets none.
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, owner!.Id),
                new Claim(ClaimTypes.Name, owner.UserName ?? ""),
                new Claim(ApiTokenClaims.Scope, scope.ToString()),
                new Claim(ApiTokenClaims.TokenName, token.Name),
                new Claim(ApiTokenClaims.TokenId, token.Id.ToString()),
            ],
            ApiTokenClaims.Scheme);
        if (ownerScope is { } widest)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, ApiTokenScopes.RoleOf((ApiTokenScope)Math.Min((int)scope, (int)widest))));
        }

        if (token.Metrics)
        {
            identity.AddClaim(new Claim(ApiTokenClaims.Metrics, "true"));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiTokenClaims.Scheme));
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
