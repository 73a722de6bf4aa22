namespace WebVirt.Domain.Validation;

public static class UrlRules
{
    public static IReadOnlyList<string> AllowedSchemes { get; } = ["http", "https", "ftp", "nfs"];

    /// <summary>What the agent itself downloads into a pool: plain web URLs only.</summary>
    public static IReadOnlyList<string> DownloadSchemes { get; } = ["http", "https"];

    public static void Check(string? url, string field, List<ValidationProblem> problems) => Check(url, field, AllowedSchemes, problems);

    /// <summary>Checks <paramref name="url"/> against a narrower set of <paramref name="schemes"/> (a subset of <see cref="AllowedSchemes"/>).</summary>
    public static Uri? Check(string? url, string field, IReadOnlyList<string> schemes, List<ValidationProblem> problems)
    {
        if (string.IsNullOrEmpty(url))
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.Required, field));
            return null;
        }

        if (!TextRules.Check(url, field, TextRules.MaxUrlLength, allowLineBreaks: false, problems))
        {
            return null;
        }

        // Whitespace would split the URL into several kernel arguments.
        // On Unix, Uri also accepts a bare "/path" as a file URI; an install tree needs scheme://host.
        if (url.Any(char.IsWhiteSpace)
            || !url.Contains("://", StringComparison.Ordinal)
            || !Uri.TryCreate(url, UriKind.Absolute, out Uri? uri)
            || string.IsNullOrEmpty(uri.Host) && AllowedSchemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.UrlMalformed, url));
            return null;
        }

        if (!schemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase) || !AllowedSchemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.UrlSchemeNotAllowed, uri.Scheme, string.Join(", ", schemes)));
            return null;
        }

        return uri;
    }

    /// <summary>
    /// Refuses a URL carrying a user name or password: the agent downloads public files only, and
    /// credentials in a URL end up in logs, task lists and the audit trail.
    /// </summary>
    public static Uri? CheckNoCredentials(Uri? url, string field, List<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (url is null || string.IsNullOrEmpty(url.UserInfo))
        {
            return url;
        }

        problems.Add(ValidationProblem.Create(field, ValidationKeys.UrlCredentialsNotAllowed));
        return null;
    }
}
