namespace WebVirt.Domain.Validation;

public static class UrlRules
{
    public static IReadOnlyList<string> AllowedSchemes { get; } = ["http", "https", "ftp", "nfs"];

    public static void Check(string? url, string field, List<ValidationProblem> problems)
    {
        if (string.IsNullOrEmpty(url))
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.Required, field));
            return;
        }

        if (!TextRules.Check(url, field, TextRules.MaxUrlLength, allowLineBreaks: false, problems))
        {
            return;
        }

        // Whitespace would split the URL into several kernel arguments.
        // On Unix, Uri also accepts a bare "/path" as a file URI; an install tree needs scheme://host.
        if (url.Any(char.IsWhiteSpace)
            || !url.Contains("://", StringComparison.Ordinal)
            || !Uri.TryCreate(url, UriKind.Absolute, out Uri? uri)
            || string.IsNullOrEmpty(uri.Host) && AllowedSchemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.UrlMalformed, url));
            return;
        }

        if (!AllowedSchemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.UrlSchemeNotAllowed, uri.Scheme));
        }
    }
}
