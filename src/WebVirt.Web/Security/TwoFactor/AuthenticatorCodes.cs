using System.Text;
using System.Text.RegularExpressions;
using QRCoder;

namespace WebVirt.Web.Security.TwoFactor;

/// <summary>What the enrolment page shows and what the login's second step accepts.</summary>
public static partial class AuthenticatorCodes
{
    public const string Issuer = "WebVirt";
    public const int RecoveryCodeCount = 10;

    /// <summary>The key as authenticator apps ask to have it typed: lower case, in groups of four.</summary>
    public static string FormatKey(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return text.ToString().TrimEnd().ToLowerInvariant();
    }

    /// <summary>The Key URI Format of Google Authenticator, which every common app reads.</summary>
    public static string OtpAuthUri(string userName, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(userName)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";

    /// <summary>The URI as an SVG QR code, drawn inline, so no image URL or script is needed.</summary>
    public static string QrCodeSvg(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }

    /// <summary>Six digits (spaces allowed, as apps show "123 456"), or null.</summary>
    public static string? AsAuthenticatorCode(string? input)
    {
        var code = (input ?? "").Replace(" ", "", StringComparison.Ordinal).Trim();
        return SixDigits().IsMatch(code) ? code : null;
    }

    /// <summary>A recovery code as Identity stores it ("XXXXX-XXXXX", upper case), or null.</summary>
    public static string? AsRecoveryCode(string? input)
    {
        var code = (input ?? "").Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
        return RecoveryCode().IsMatch(code) ? code : null;
    }

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex SixDigits();

    [GeneratedRegex("^[0-9A-Z]{5}-[0-9A-Z]{5}$")]
    private static partial Regex RecoveryCode();
}
