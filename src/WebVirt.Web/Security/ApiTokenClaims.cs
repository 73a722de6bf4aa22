using System.Security.Claims;

namespace WebVirt.Web.Security;

/// <summary>The claims an API token adds to its owner's identity, so audits and logs can name the token.</summary>
public static class ApiTokenClaims
{
    public const string Scheme = "WebVirtApiToken";
    public const string TokenName = "webvirt:api-token-name";
    public const string TokenId = "webvirt:api-token-id";

    /// <summary>The token's scope (an <c>ApiTokenScope</c> name): the ceiling the rights evaluator cuts from its owner's rights.</summary>
    public const string Scope = "webvirt:api-token-scope";

    /// <summary>Present (value "true") when the token may read /metrics.</summary>
    public const string Metrics = "webvirt:api-token-metrics";

    /// <summary>The name of the token a request came with, or null for a sign-in by cookie.</summary>
    public static string? TokenNameOf(ClaimsPrincipal user) => user.FindFirstValue(TokenName);

    /// <summary>How the audit log names the token of a change (the owner is the entry's user).</summary>
    public static string AuditNote(string tokenName) => $"via API token '{tokenName}'";
}
