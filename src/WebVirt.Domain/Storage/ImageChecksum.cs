using System.Globalization;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Storage;

public enum ChecksumAlgorithm
{
    Sha256,
    Sha512,
}

/// <summary>An expected SHA-256 or SHA-512 sum of a downloaded image, as lower-case hex.</summary>
public sealed record ImageChecksum(ChecksumAlgorithm Algorithm, string Hex)
{
    /// <summary>The algorithm's usual name, as sums files and the task log write it.</summary>
    public string AlgorithmName => Algorithm == ChecksumAlgorithm.Sha256 ? "SHA-256" : "SHA-512";

    /// <summary>The hex digits of one algorithm's sum.</summary>
    public static int HexLength(ChecksumAlgorithm algorithm) => algorithm == ChecksumAlgorithm.Sha256 ? 64 : 128;

    /// <summary>
    /// A pasted sum: 64 (SHA-256) or 128 (SHA-512) hex digits, optionally after "sha256:" or
    /// "sha512:"; a pasted sums-file line ("HASH  name") gives its first word. Null with a problem otherwise.
    /// </summary>
    public static ImageChecksum? Parse(string? text, string field, List<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        string word = (text ?? "").Trim().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        ChecksumAlgorithm? named = null;
        int colon = word.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            named = word[..colon].ToUpperInvariant() switch
            {
                "SHA256" or "SHA-256" => ChecksumAlgorithm.Sha256,
                "SHA512" or "SHA-512" => ChecksumAlgorithm.Sha512,
                _ => null,
            };
            word = named is null ? "" : word[(colon + 1)..];
        }

        if (FromHex(word) is { } checksum && (named is null || named == checksum.Algorithm))
        {
            return checksum;
        }

        problems.Add(ValidationProblem.Create(field, ValidationKeys.ChecksumInvalid, PoolPathRules.Printable(Shorten(text ?? ""))));
        return null;
    }

    /// <summary>The sum of <paramref name="hex"/>, its algorithm told by its length; null when it is not 64 or 128 hex digits.</summary>
    public static ImageChecksum? FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (!hex.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        return hex.Length switch
        {
            64 => new ImageChecksum(ChecksumAlgorithm.Sha256, hex.ToLowerInvariant()),
            128 => new ImageChecksum(ChecksumAlgorithm.Sha512, hex.ToLowerInvariant()),
            _ => null,
        };
    }

    // A pasted text may be a whole sums file; the message quotes its start only.
    private static string Shorten(string text) =>
        text.Length <= 140 ? text : string.Concat(text.AsSpan(0, 140), "…");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{AlgorithmName} {Hex}");
}
