namespace WebVirt.Agent.Migration;

/// <summary>
/// The unix socket of the libvirtd this agent drives, which the destination side of a migration
/// connects the source's control stream to: the URI's <c>socket=</c>, or the system daemon's socket.
/// </summary>
internal static class LibvirtSocketPath
{
    public const string SystemSocket = "/run/libvirt/libvirt-sock";

    /// <summary>The socket path, or null when the URI is not a local qemu system daemon (test driver, remote URIs).</summary>
    public static string? From(string libvirtUri)
    {
        if (!Uri.TryCreate(libvirtUri, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/system" || !string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length == 2 && parts[0] == "socket")
            {
                return Uri.UnescapeDataString(parts[1]);
            }
        }

        return uri.Scheme is "qemu" or "qemu+unix" ? SystemSocket : null;
    }
}
