using System.Security.Cryptography;
using System.Text;
using WebVirt.Web.Data;

namespace WebVirt.Web.Api;

/// <summary>
/// The token text: <c>wvt_&lt;public id&gt;_&lt;secret&gt;</c>. The public id (8 random bytes, hex) finds the row;
/// the secret (32 random bytes, URL-safe base64) is checked against its SHA-256 in constant time.
/// </summary>
public static class ApiTokenSecret
{
    public const string Prefix = "wvt_";
    private const int SecretBytes = 32;
    private const int SecretChars = 43;

    public static (string Token, string PublicId, byte[] Hash) Create()
    {
        var publicId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(ApiToken.PublicIdLength / 2));
        var secret = Base64UrlEncode(RandomNumberGenerator.GetBytes(SecretBytes));
        return ($"{Prefix}{publicId}_{secret}", publicId, Hash(secret));
    }

    /// <summary>Splits a token into its public id and secret; false for anything not shaped like one.</summary>
    public static bool TryParse(string? token, out string publicId, out string secret)
    {
        publicId = secret = "";
        if (token is null || token.Length != Prefix.Length + ApiToken.PublicIdLength + 1 + SecretChars
            || !token.StartsWith(Prefix, StringComparison.Ordinal) || token[Prefix.Length + ApiToken.PublicIdLength] != '_')
        {
            return false;
        }

        publicId = token.Substring(Prefix.Length, ApiToken.PublicIdLength);
        secret = token[(Prefix.Length + ApiToken.PublicIdLength + 1)..];
        return publicId.All(char.IsAsciiHexDigitLower) && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
    }

    /// <summary>The public id of a token-shaped text, for rate-limit partitions before the token is checked.</summary>
    public static string? PublicIdOf(string? token) => TryParse(token, out var publicId, out _) ? publicId : null;

    public static bool Matches(string secret, byte[] expectedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(secret), expectedHash);

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.ASCII.GetBytes(secret));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
