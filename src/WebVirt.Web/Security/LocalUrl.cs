namespace WebVirt.Web.Security;

/// <summary>Guards redirects that take a target from the request, so they cannot send users to another site.</summary>
public static class LocalUrl
{
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 }
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Contains("://", StringComparison.Ordinal);

    public static string OrRoot(string? url) => IsLocal(url) ? url! : "/";
}
