using System.Xml.Linq;
using WebVirt.Domain.Definition;

namespace WebVirt.Domain.Tests.Libvirt;

internal static class DefineAndUndefine
{
    /// <summary>Defines <paramref name="xml"/>, checks what libvirt kept, and always undefines it again.</summary>
    public static XDocument Run(string uri, string xml)
    {
        var expected = XDocument.Parse(xml);
        using LibvirtConnection connection = LibvirtConnection.Open(uri);
        using LibvirtDomain domain = connection.DefineDomainXml(xml);
        try
        {
            var stored = XDocument.Parse(domain.GetXmlDesc(inactive: true));
            Assert.Equal((string?)expected.Root!.Element("name"), domain.Name);
            Assert.Equal(WebVirtMetadata.Read(expected), WebVirtMetadata.Read(stored));
            Assert.Equal(
                expected.Root.Element("devices")!.Elements("interface").Select(i => (string?)i.Element("mac")?.Attribute("address")),
                stored.Root!.Element("devices")!.Elements("interface").Select(i => (string?)i.Element("mac")?.Attribute("address")));
            Assert.Equal((string?)expected.Root.Element("description"), (string?)stored.Root.Element("description"));
            Assert.Equal((string?)expected.Root.Element("os")!.Element("cmdline"), (string?)stored.Root.Element("os")!.Element("cmdline"));
            return stored;
        }
        finally
        {
            domain.Undefine();
        }
    }
}
