using System.Xml.Linq;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Networks;

/// <summary>
/// The PXE boot server in a network's libvirt XML: &lt;tftp root&gt; in its IPv4 &lt;ip&gt; and &lt;bootp
/// file server&gt; in that block's &lt;dhcp&gt;. Read from a definition, checked against the definition's
/// DHCP by <see cref="NetworkBootRules"/> (as for a new network), and written into a copy of it.
/// </summary>
public static class NetworkBootXml
{
    public static XElement Tftp(NetworkBoot boot)
    {
        ArgumentNullException.ThrowIfNull(boot);
        return new XElement("tftp", new XAttribute("root", boot.TftpRoot));
    }

    public static XElement Bootp(NetworkBoot boot)
    {
        ArgumentNullException.ThrowIfNull(boot);
        var bootp = new XElement("bootp", new XAttribute("file", boot.BootFile));
        if (boot.NextServer is not null)
        {
            bootp.Add(new XAttribute("server", boot.NextServer));
        }

        return bootp;
    }

    /// <summary>The network's boot server as <paramref name="network"/> (a &lt;network&gt; element) defines it; null when it has none.</summary>
    public static NetworkBoot? Read(XElement network)
    {
        var ip = Ipv4(network);
        string? root = (string?)ip?.Element("tftp")?.Attribute("root");
        var bootp = ip?.Element("dhcp")?.Element("bootp");
        return root is null && bootp is null ? null : new NetworkBoot(root ?? "", (string?)bootp?.Attribute("file") ?? "", (string?)bootp?.Attribute("server"));
    }

    /// <summary>What is wrong with <paramref name="boot"/> on this network: the same rules as when a network is created with it.</summary>
    public static IReadOnlyList<ValidationProblem> Check(XElement network, NetworkBoot boot, BootFolderFacts? folder)
    {
        ArgumentNullException.ThrowIfNull(boot);
        var ip = Ipv4(network);
        var range = ip?.Element("dhcp")?.Element("range");
        Ipv4Settings? settings = ip is null ? null
            : new Ipv4Settings((string?)ip.Attribute("address") ?? "", null, (string?)range?.Attribute("start"), (string?)range?.Attribute("end"));
        var problems = new List<ValidationProblem>();
        NetworkBootRules.Check(boot, settings, null, folder, problems);
        return problems;
    }

    /// <summary>A copy of <paramref name="network"/> with <paramref name="boot"/> as its boot server, or none when null.</summary>
    public static XElement With(XElement network, NetworkBoot? boot)
    {
        var copy = new XElement(network);
        var ip = Ipv4(copy);
        if (ip is null)
        {
            return copy;
        }

        ip.Elements("tftp").Remove();
        ip.Elements("dhcp").Elements("bootp").Remove();
        if (boot is not null)
        {
            var dhcp = ip.Element("dhcp");
            if (dhcp is null)
            {
                ip.Add(Tftp(boot));
            }
            else
            {
                dhcp.AddBeforeSelf(Tftp(boot));
                dhcp.Add(Bootp(boot));
            }
        }

        return copy;
    }

    /// <summary>The IPv4 address block: libvirt writes no family for IPv4.</summary>
    private static XElement? Ipv4(XElement network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network.Elements("ip").FirstOrDefault(i => ((string?)i.Attribute("family") ?? "ipv4") == "ipv4");
    }
}
