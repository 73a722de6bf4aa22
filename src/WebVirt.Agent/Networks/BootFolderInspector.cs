using WebVirt.Domain.Networks;

namespace WebVirt.Agent.Networks;

/// <summary>
/// Looks at a network boot folder as libvirt's dnsmasq will: it runs as an unprivileged user
/// (libvirt-dnsmasq or nobody), so only what any user may read is served; a folder it cannot
/// enter makes the network fail to start, a file it cannot read fails every PXE client.
/// </summary>
internal static class BootFolderInspector
{
    private const UnixFileMode ListAndEnter = UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    public static BootFolderFacts? Inspect(NetworkBoot? boot)
    {
        if (boot is null || string.IsNullOrEmpty(boot.TftpRoot) || !Path.IsPathRooted(boot.TftpRoot))
        {
            return null;
        }

        var folder = new DirectoryInfo(boot.TftpRoot);
        if (!folder.Exists)
        {
            return new BootFolderFacts(false, false, false);
        }

        bool readable = (folder.UnixFileMode & ListAndEnter) == ListAndEnter && Ancestors(folder).All(d => (d.UnixFileMode & UnixFileMode.OtherExecute) != 0);
        return new BootFolderFacts(true, readable, readable && BootFileReadable(folder, boot.BootFile));
    }

    private static IEnumerable<DirectoryInfo> Ancestors(DirectoryInfo folder)
    {
        for (DirectoryInfo? parent = folder.Parent; parent is not null; parent = parent.Parent)
        {
            yield return parent;
        }
    }

    private static bool BootFileReadable(DirectoryInfo folder, string bootFile)
    {
        if (!NetworkBootRules.IsValidBootFile(bootFile))
        {
            return false;
        }

        var file = new FileInfo(Path.Combine(folder.FullName, bootFile));
        if (!file.Exists || (file.UnixFileMode & UnixFileMode.OtherRead) == 0)
        {
            return false;
        }

        // Folders between the root and the file must let dnsmasq through too.
        for (DirectoryInfo? d = file.Directory; d is not null && d.FullName.Length > folder.FullName.Length; d = d.Parent)
        {
            if ((d.UnixFileMode & UnixFileMode.OtherExecute) == 0)
            {
                return false;
            }
        }

        return true;
    }
}
