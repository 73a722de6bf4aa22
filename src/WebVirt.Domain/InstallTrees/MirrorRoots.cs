namespace WebVirt.Domain.InstallTrees;

/// <summary>
/// Where a release's installer tree lies under a distribution mirror's root, learnt from osinfo-db's
/// tree URL: Debian and Ubuntu trees start at dists/ (dists/bullseye/main/installer-amd64/),
/// Fedora's at releases/ or development/ (releases/39/Everything/x86_64/os/). So a user may paste
/// either the tree, as virt-install takes it, or the mirror's root (http://MIRROR/debian/).
/// </summary>
public static class MirrorRoots
{
    private static readonly string[] TreeStarts = ["dists", "releases", "development"];

    /// <summary>The tree's path under the mirror root ("dists/bullseye/main/installer-amd64/"), or null when its layout is not known.</summary>
    public static string? TreeSuffix(string? osinfoTreeUrl)
    {
        if (!Uri.TryCreate(osinfoTreeUrl, UriKind.Absolute, out Uri? tree))
        {
            return null;
        }

        string[] segments = tree.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        int start = Array.FindIndex(segments, s => TreeStarts.Contains(s, StringComparer.Ordinal));
        return start <= 0 ? null : string.Join('/', segments[start..]) + "/";
    }

    /// <summary>The mirror root of osinfo-db's tree URL ("http://deb.debian.org/debian/"), or null when its layout is not known.</summary>
    public static string? RootOf(string? osinfoTreeUrl)
    {
        string? suffix = TreeSuffix(osinfoTreeUrl);
        if (suffix is null)
        {
            return null;
        }

        string tree = osinfoTreeUrl!.TrimEnd('/') + "/";
        return tree[..^suffix.Length];
    }

    /// <summary>
    /// The URLs to look for an installer at, in order: what the user typed, then, when it is not
    /// already the tree, the tree under it as under a mirror root.
    /// </summary>
    public static IReadOnlyList<Uri> Candidates(Uri typed, string? treeSuffix)
    {
        ArgumentNullException.ThrowIfNull(typed);
        Uri root = typed.AbsolutePath.EndsWith('/') ? typed : new UriBuilder(typed) { Path = typed.AbsolutePath + "/" }.Uri;
        if (treeSuffix is null || root.AbsolutePath.EndsWith("/" + treeSuffix, StringComparison.Ordinal))
        {
            return [root];
        }

        return [root, new Uri(root, treeSuffix)];
    }
}
