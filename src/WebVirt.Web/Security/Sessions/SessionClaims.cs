using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace WebVirt.Web.Security.Sessions;

/// <summary>The session id claim inside the (encrypted) auth cookie, and how it maps to the stored key.</summary>
public static class SessionClaims
{
    public const string SessionId = "webvirt:sid";

    public static string NewSessionId() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>The key stored in the database: the hash of the id, never the id itself.</summary>
    public static string KeyOf(string sessionId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)));

    public static string? KeyOf(ClaimsPrincipal principal) =>
        principal.FindFirstValue(SessionId) is { Length: > 0 } id ? KeyOf(id) : null;

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
