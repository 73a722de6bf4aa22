using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using WebVirt.Agent.Configuration;
using WebVirt.Agent.Enrolment;

namespace WebVirt.Agent.Security;

/// <summary>
/// Accepts a caller only if it presents the bearer token of the agent's console. SignalR's WebSocket transport from
/// a browser cannot set headers, so the token is also read from the access_token query parameter on
/// hub paths, as ASP.NET Core documents for SignalR.
/// </summary>
public sealed class AgentTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<AgentOptions> agentOptions,
    EnrolmentService enrolment)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AgentToken";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = ReadToken();
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!Accepts(presented, agentOptions.CurrentValue, enrolment))
        {
            AgentSecurityLog.TokenRefused(Logger, Context.Connection.RemoteIpAddress?.ToString() ?? "?", Logging.SafeLogText.Of(Request.Path));
            return Task.FromResult(AuthenticateResult.Fail("Invalid agent token."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "console")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    private string? ReadToken()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        if (Request.Path.StartsWithSegments("/hubs") && Request.Query.TryGetValue("access_token", out var token))
        {
            return token.ToString();
        }

        return null;
    }

    /// <summary>The installer's token for the local console, or the token of the console enrolled with a code.</summary>
    public static bool Accepts(string presented, AgentOptions options, EnrolmentService enrolment) =>
        TokenMatches(presented, options.TokenSha256)
        || (enrolment.EnrolledTokenSha256 is { } enrolled && TokenMatches(presented, enrolled));

    internal static bool TokenMatches(string presented, string expectedSha256Hex)
    {
        if (expectedSha256Hex.Length != 64)
        {
            // An agent without a configured token refuses everyone rather than everyone being let in.
            return false;
        }

        byte[] expected;
        try
        {
            expected = Convert.FromHexString(expectedSha256Hex);
        }
        catch (FormatException)
        {
            return false;
        }

        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    public static string HashToken(string token) => ConsoleTokenHash.Of(token);
}
