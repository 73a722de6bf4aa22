using System.Text.RegularExpressions;

namespace WebVirt.Domain.InstallTrees;

/// <summary>
/// Finds an install tree's kernel and initrd the way virt-install does: from the tree's .treeinfo
/// when it has one (Fedora, RHEL and their rebuilds, CentOS), else by the layouts distributions are
/// known to use.
/// </summary>
public static partial class InstallTreeLayouts
{
    public const string TreeInfoName = ".treeinfo";

    /// <summary>Layouts tried in order when a tree has no .treeinfo.</summary>
    public static IReadOnlyList<InstallTreeImages> Known { get; } =
    [
        new("images/pxeboot/vmlinuz", "images/pxeboot/initrd.img", "inst.repo", "Fedora/RHEL pxeboot"),
        new("current/images/netboot/debian-installer/amd64/linux", "current/images/netboot/debian-installer/amd64/initrd.gz", null, "Debian/Ubuntu netboot (installer-amd64)"),
        new("install.amd/vmlinuz", "install.amd/initrd.gz", null, "Debian install tree"),
        new("casper/vmlinuz", "casper/initrd", null, "Ubuntu live tree"),
        new("boot/x86_64/loader/linux", "boot/x86_64/loader/initrd", "install", "openSUSE/SUSE"),
    ];

    /// <summary>
    /// The x86_64 kernel and initrd a .treeinfo names, or null when it names none for that
    /// architecture or names paths that leave the tree.
    /// </summary>
    public static InstallTreeImages? FromTreeInfo(string treeInfo, string arch = "x86_64")
    {
        ArgumentNullException.ThrowIfNull(treeInfo);
        var sections = ParseIni(treeInfo);
        if (!sections.TryGetValue("images-" + arch, out var images)
            || !images.TryGetValue("kernel", out string? kernel)
            || !images.TryGetValue("initrd", out string? initrd)
            || !IsTreeRelative(kernel)
            || !IsTreeRelative(initrd))
        {
            return null;
        }

        string family = Value(sections, "general", "family") ?? Value(sections, "release", "name") ?? "";
        // Anaconda has taken inst.repo since Fedora 17 / RHEL 7; SUSE's linuxrc takes install.
        string argument = family.Contains("SUSE", StringComparison.OrdinalIgnoreCase) ? "install" : "inst.repo";
        return new InstallTreeImages(kernel, initrd, argument, string.IsNullOrEmpty(family) ? TreeInfoName : $"{TreeInfoName} ({family})");
    }

    /// <summary>A path inside the tree: relative, no "..", no scheme, printable.</summary>
    public static bool IsTreeRelative(string path) =>
        path.Length is > 0 and <= 512
        && !path.StartsWith('/')
        && !path.Contains("://", StringComparison.Ordinal)
        && !path.Split('/').Contains("..")
        && SafePath().IsMatch(path);

    private static string? Value(Dictionary<string, Dictionary<string, string>> sections, string section, string key) =>
        sections.TryGetValue(section, out var values) && values.TryGetValue(key, out string? value) ? value : null;

    private static Dictionary<string, Dictionary<string, string>> ParseIni(string text)
    {
        var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        Dictionary<string, string>? current = null;
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                string name = line[1..^1].Trim();
                if (!sections.TryGetValue(name, out current))
                {
                    current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    sections[name] = current;
                }

                continue;
            }

            int equals = line.IndexOf('=', StringComparison.Ordinal);
            if (current is not null && equals > 0)
            {
                current[line[..equals].Trim()] = line[(equals + 1)..].Trim();
            }
        }

        return sections;
    }

    [GeneratedRegex(@"^[A-Za-z0-9._+/-]+\z")]
    private static partial Regex SafePath();
}
