using System.Net.Sockets;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Networks;

/// <summary>
/// A network's PXE boot server: a TFTP folder the network's dnsmasq (an unprivileged user) can
/// read, a boot file named relative to it, and DHCP on IPv4 to name it in (libvirt's &lt;bootp&gt;
/// lives in the IPv4 &lt;dhcp&gt; element, and a PXE client learns everything from DHCP).
/// </summary>
public static class NetworkBootRules
{
    public const int MaxPathLength = 1024;

    public static void Check(NetworkBoot boot, Ipv4Settings? ipv4Spec, ValidatedIp? ipv4, BootFolderFacts? folder, List<ValidationProblem> problems)
    {
        bool rootOk = CheckRoot(boot.TftpRoot, folder, problems);
        if (CheckBootFile(boot.BootFile, problems) && rootOk && folder is { BootFileReadable: false })
        {
            problems.Add(ValidationProblem.Create("Boot.BootFile", ValidationKeys.PxeBootFileMissing, boot.BootFile, boot.TftpRoot));
        }

        if (boot.NextServer is not null && !IpSubnet.TryParseAddress(boot.NextServer, AddressFamily.InterNetwork, out _))
        {
            problems.Add(ValidationProblem.Create("Boot.NextServer", ValidationKeys.IpMalformed, PoolPathRules.Printable(boot.NextServer), "IPv4"));
        }

        // A subnet that is itself wrong already has its message; only a missing range is this one's.
        if (ipv4Spec is null || (ipv4 is not null && ipv4.DhcpStart is null) || (ipv4 is null && ipv4Spec.DhcpStart is null && ipv4Spec.DhcpEnd is null))
        {
            problems.Add(ValidationProblem.Create("Boot", ValidationKeys.PxeNeedsDhcp));
        }
    }

    /// <summary>A boot file name as dnsmasq serves it: relative, no parent segments, plain characters only.</summary>
    public static bool IsValidBootFile(string? name) =>
        !string.IsNullOrEmpty(name)
        && name.Length <= 255
        && name[0] != '/'
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/')
        && name.Split('/').All(segment => segment.Length > 0 && segment != "." && segment != "..");

    private static bool CheckRoot(string? root, BootFolderFacts? folder, List<ValidationProblem> problems)
    {
        const string field = "Boot.TftpRoot";
        if (string.IsNullOrEmpty(root))
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.Required, field));
            return false;
        }

        // Normalized and without odd characters: it goes into dnsmasq's configuration file line by line.
        if (root.Length > MaxPathLength || !Path.IsPathRooted(root) || root.Any(char.IsControl) || Path.GetFullPath(root).TrimEnd('/') != root.TrimEnd('/') || root.Contains("//", StringComparison.Ordinal))
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.PxeTftpRootNotAbsolute, PoolPathRules.Printable(root)));
            return false;
        }

        if (folder is not { Exists: true })
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.PxeTftpRootMissing, root));
            return false;
        }

        if (!folder.ReadableByAll)
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.PxeTftpRootNotReadable, root));
            return false;
        }

        return true;
    }

    private static bool CheckBootFile(string? name, List<ValidationProblem> problems)
    {
        if (string.IsNullOrEmpty(name))
        {
            problems.Add(ValidationProblem.Create("Boot.BootFile", ValidationKeys.Required, "Boot.BootFile"));
            return false;
        }

        if (!IsValidBootFile(name))
        {
            problems.Add(ValidationProblem.Create("Boot.BootFile", ValidationKeys.PxeBootFileInvalid, PoolPathRules.Printable(name)));
            return false;
        }

        return true;
    }
}
