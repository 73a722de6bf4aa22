namespace WebVirt.Web.Agents.Enrolment;

/// <summary>What an administrator types as a host's address, made into the agent's https URL.</summary>
public static class AgentAddress
{
    public const int DefaultPort = 9091;

    /// <summary>The agent's base URL (https, a host, a port, nothing more), or null when <paramref name="typed"/> is not an address.</summary>
    public static Uri? Parse(string? typed)
    {
        var text = typed?.Trim() ?? "";
        if (text.Length is 0 or > 256 || text.Any(char.IsWhiteSpace))
        {
            return null;
        }

        var hasScheme = text.Contains("://", StringComparison.Ordinal);
        if (!Uri.TryCreate(hasScheme ? text : "https://" + text, UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttps
            || uri.HostNameType is UriHostNameType.Unknown or UriHostNameType.Basic
            || uri.UserInfo.Length > 0
            || uri.AbsolutePath != "/"
            || uri.Query.Length > 0
            || uri.Fragment.Length > 0)
        {
            return null;
        }

        var port = uri.IsDefaultPort && !ExplicitDefaultPort(text) ? DefaultPort : uri.Port;
        return new UriBuilder(Uri.UriSchemeHttps, uri.Host, port).Uri;
    }

    // "host:443" says 443 on purpose; "host" alone means the agent's own port.
    private static bool ExplicitDefaultPort(string text) => text.TrimEnd('/').EndsWith(":443", StringComparison.Ordinal);
}
