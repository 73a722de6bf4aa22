namespace WebVirt.Web.Security;

/// <summary>
/// Guards redirects that take a target from the request, so they cannot send users to another
/// site nor break the response. Browsers drop tabs and newlines and treat a backslash as a slash,
/// so "/\t/evil" and "/\evil" are really "//evil"; the checks run on the text as received and on
/// its once- and twice-decoded forms, and anything unusual falls back to the root.
/// </summary>
public static class LocalUrl
{
    /// <summary>Longer return addresses are not produced by the app itself.</summary>
    public const int MaxLength = 2048;

    public static bool IsLocal(string? url)
    {
        if (url is not { Length: > 0 and <= MaxLength } || !IsPrintableAscii(url))
        {
            // Only printable ASCII can go into a Location header verbatim; a newline there is a 500.
            return false;
        }

        var once = Uri.UnescapeDataString(url);
        var twice = Uri.UnescapeDataString(once);
        return IsPlainLocalPath(url) && IsPlainLocalPath(once) && IsPlainLocalPath(twice) && StaysOnSite(url);
    }

    public static string OrRoot(string? url) => IsLocal(url) ? url! : "/";

    private static bool IsPrintableAscii(string text)
    {
        foreach (var c in text)
        {
            if (c is < '!' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPlainLocalPath(string path)
    {
        if (path.Length == 0 || path[0] != '/' || (path.Length > 1 && path[1] is '/' or '\\'))
        {
            return false;
        }

        foreach (var c in path)
        {
            // Control and format characters (tab, newline, bidi overrides), backslashes and userinfo.
            if (char.IsControl(c) || c is '\\' or '@' or '\u2028' or '\u2029' || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            {
                return false;
            }
        }

        return !path.Contains("://", StringComparison.Ordinal);
    }

    // The last word: resolve against a made-up origin as a browser would, and require the same origin.
    private static bool StaysOnSite(string url)
    {
        var origin = new Uri("https://local.invalid/");
        return Uri.TryCreate(origin, url, out var resolved)
            && resolved.Scheme == origin.Scheme
            && resolved.Authority == origin.Authority;
    }
}
