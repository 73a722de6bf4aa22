using System.Xml.Linq;

namespace WebVirt.Domain.GuestPage;

/// <summary>The operating system id virt-install and virt-manager record in a domain's &lt;metadata&gt;.</summary>
public static class LibosinfoMetadata
{
    public static readonly XNamespace Ns = "http://libosinfo.org/xmlns/libvirt/domain/1.0";

    /// <summary>The osinfo id (for example http://debian.org/debian/12); null when the domain has none.</summary>
    public static string? OsId(XDocument domain) =>
        ((string?)domain.Root?.Element("metadata")?.Element(Ns + "libosinfo")?.Element(Ns + "os")?.Attribute("id"))?.Trim() is { Length: > 0 } id
            ? id
            : null;
}
