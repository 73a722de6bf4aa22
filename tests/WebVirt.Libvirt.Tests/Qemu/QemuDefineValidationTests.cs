using System.Xml.Linq;
using WebVirt.Testing;

namespace WebVirt.Libvirt.Tests.Qemu;

// Every guest the agent defines (new guests, network installs, clones, hardware and XML edits)
// goes through DefineDomainXml, which validates against libvirt's schema unless told otherwise.
[Trait("Category", "Qemu")]
[Collection(QemuCollection.Name)]
public sealed class QemuDefineValidationTests(QemuFixture fixture)
{
    [Fact]
    public void A_definition_that_breaks_the_schema_is_refused_with_libvirts_message_and_nothing_is_defined()
    {
        string name = TestRun.GuestName("schema");
        using LibvirtConnection connection = LibvirtConnection.Open(QemuFixture.Uri);
        try
        {
            string xml = WithUnknownDevice(TestGuestDomainXml.DirectKernelBoot(name, fixture.RunDirectory));

            LibvirtException error = Assert.Throws<LibvirtException>(() => connection.DefineDomainXml(xml));

            Assert.Equal(LibvirtErrorCodes.XmlInvalidSchema, error.Code);
            Assert.Contains("failed to validate against schema", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(name, DomainNames(connection));
        }
        finally
        {
            TestGuestCleaner.RemoveRunGuests(QemuFixture.Uri, prefix: name);
        }
    }

    // Why the flag matters: without it libvirt accepts the same XML and silently drops what it does not know.
    [Fact]
    public void Without_validation_libvirt_drops_the_unknown_element_silently()
    {
        string name = TestRun.GuestName("noschema");
        using LibvirtConnection connection = LibvirtConnection.Open(QemuFixture.Uri);
        try
        {
            string xml = WithUnknownDevice(TestGuestDomainXml.DirectKernelBoot(name, fixture.RunDirectory));

            using LibvirtDomain domain = connection.DefineDomainXml(xml, DomainDefineFlags.None);

            Assert.Contains(name, DomainNames(connection));
            Assert.Null(XElement.Parse(domain.GetXmlDesc(inactive: true)).Element("devices")?.Element("bogus"));
        }
        finally
        {
            TestGuestCleaner.RemoveRunGuests(QemuFixture.Uri, prefix: name);
        }
    }

    private static string WithUnknownDevice(string domainXml)
    {
        XElement xml = XElement.Parse(domainXml);
        xml.Element("devices")!.Add(new XElement("bogus"));
        return xml.ToString();
    }

    private static List<string> DomainNames(LibvirtConnection connection) =>
        [.. connection.ListAllDomains().Select(d => { using (d) { return d.Name; } })];
}
