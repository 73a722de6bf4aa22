using System.Text;

namespace WebVirt.Web.Components.Storage;

/// <summary>
/// The download dialog's checks as the user types, so plain mistakes show before the agent is asked.
/// The agent's checks (WebVirt.Domain, with the pool) decide; these only mirror their simple part.
/// </summary>
public static class DownloadInput
{
    /// <summary>An absolute http(s) URL with a host and without user name or password, or null.</summary>
    public static Uri? WebUrl(string? text) =>
        Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && !string.IsNullOrEmpty(uri.Host)
        && string.IsNullOrEmpty(uri.UserInfo)
            ? uri
            : null;

    /// <summary>64 or 128 hex digits, optionally after "sha256:" (64) or "sha512:" (128).</summary>
    public static bool IsSum(string? text)
    {
        string sum = text?.Trim() ?? "";
        int? wanted = null;
        if (sum.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase))
        {
            (sum, wanted) = (sum[7..], 64);
        }
        else if (sum.StartsWith("sha512:", StringComparison.OrdinalIgnoreCase))
        {
            (sum, wanted) = (sum[7..], 128);
        }

        return sum.Length is 64 or 128 && (wanted is null || sum.Length == wanted) && sum.All(char.IsAsciiHexDigit);
    }

    /// <summary>
    /// The volume name the agent derives from the URL's file name: characters outside [A-Za-z0-9._-]
    /// become '_', leading '.', '_' and '-' go. Empty when the URL names no file.
    /// </summary>
    public static string NameFrom(string? url)
    {
        if (WebUrl(url) is not { } uri)
        {
            return "";
        }

        string file = Path.GetFileName(Uri.UnescapeDataString(uri.AbsolutePath));
        var name = new StringBuilder(file.Length);
        foreach (char c in file)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_');
        }

        return name.ToString().TrimStart('.', '_', '-');
    }
}
