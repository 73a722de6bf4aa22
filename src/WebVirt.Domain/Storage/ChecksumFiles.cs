using System.Text.RegularExpressions;

namespace WebVirt.Domain.Storage;

/// <summary>
/// Finds an image's sum in a distribution's sums file: GNU coreutils lines (<c>HASH  name</c>,
/// <c>HASH *name</c>, as Debian's and Ubuntu's SHA256SUMS/SHA512SUMS write them) and BSD lines
/// (<c>SHA256 (name) = HASH</c>, as Fedora's CHECKSUM files do, PGP-signed or not). Other lines
/// (comments, signatures) are skipped.
/// </summary>
public static partial class ChecksumFiles
{
    /// <summary>The first sum listed for <paramref name="fileName"/> (compared with each entry's last path segment), or null.</summary>
    public static ImageChecksum? Find(IEnumerable<string> lines, string fileName)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        foreach (string raw in lines)
        {
            if (ParseLine(raw.Trim()) is { } entry && NameMatches(entry.Name, fileName))
            {
                return entry.Checksum;
            }
        }

        return null;
    }

    private static (string Name, ImageChecksum Checksum)? ParseLine(string line)
    {
        if (BsdLine().Match(line) is { Success: true } bsd)
        {
            var algorithm = bsd.Groups["algorithm"].Value.Equals("SHA256", StringComparison.OrdinalIgnoreCase) ? ChecksumAlgorithm.Sha256 : ChecksumAlgorithm.Sha512;
            return ImageChecksum.FromHex(bsd.Groups["hash"].Value) is { } sum && sum.Algorithm == algorithm
                ? (bsd.Groups["name"].Value, sum)
                : null;
        }

        if (GnuLine().Match(line) is { Success: true } gnu && ImageChecksum.FromHex(gnu.Groups["hash"].Value) is { } checksum)
        {
            return (gnu.Groups["name"].Value, checksum);
        }

        return null;
    }

    // Entries may carry a directory ("./images/x.img"); the URL's file name is the last segment.
    private static bool NameMatches(string entry, string fileName)
    {
        int slash = entry.LastIndexOf('/');
        return string.Equals(slash < 0 ? entry : entry[(slash + 1)..], fileName, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^(?<algorithm>SHA256|SHA512) \((?<name>.+)\) ?= (?<hash>[0-9A-Fa-f]+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BsdLine();

    [GeneratedRegex(@"^\\?(?<hash>[0-9A-Fa-f]{64}|[0-9A-Fa-f]{128}) [ *](?<name>.+)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex GnuLine();
}
