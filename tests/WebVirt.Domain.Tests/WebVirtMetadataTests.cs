using System.Xml.Linq;
using WebVirt.Domain.Definition;
using WebVirt.Domain.Tests.Support;

namespace WebVirt.Domain.Tests;

public sealed class WebVirtMetadataTests
{
    private static readonly WebVirtMetadata Sample = new(SourceKinds.NetworkInstall, "fedora36", "carol", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(8)), "multi\nline & <text>", IsTemplate: false, "1234");

    [Fact]
    public void It_round_trips_through_a_domain_xml()
    {
        var domain = XDocument.Parse("<domain type='qemu'><name>x</name><uuid>a</uuid><memory>1</memory></domain>");
        Sample.WriteTo(domain);

        WebVirtMetadata read = WebVirtMetadata.Read(domain.ToString())!;

        Assert.Equal(Sample with { CreatedAt = Sample.CreatedAt.ToUniversalTime() }, read);
        Assert.Equal(Sample.CreatedAt, read.CreatedAt);
        Assert.Equal("uuid", domain.Root!.Element("metadata")!.ElementsBeforeSelf().Last().Name.LocalName);
    }

    [Fact]
    public void It_uses_the_webvirt_namespace_and_prefix()
    {
        XElement element = Sample.ToElement();
        Assert.Equal("https://webvirt.dev/xmlns/guest/1.0", element.Name.NamespaceName);
        Assert.Equal("guest", element.Name.LocalName);
        Assert.Equal("webvirt", element.GetPrefixOfNamespace(WebVirtMetadata.Ns));
    }

    [Fact]
    public void Setting_the_template_flag_keeps_other_metadata()
    {
        var domain = XDocument.Parse("<domain><name>x</name><metadata><other:thing xmlns:other='urn:other'>keep</other:thing></metadata></domain>");
        Sample.WriteTo(domain);

        string marked = WebVirtMetadata.WithTemplateFlag(domain.ToString(), isTemplate: true);
        string unmarked = WebVirtMetadata.WithTemplateFlag(marked, isTemplate: false);

        Assert.True(WebVirtMetadata.Read(marked)!.IsTemplate);
        Assert.False(WebVirtMetadata.Read(unmarked)!.IsTemplate);
        Assert.Equal("keep", XDocument.Parse(marked).Root!.Element("metadata")!.Element(XName.Get("thing", "urn:other"))!.Value);
        Assert.Single(XDocument.Parse(marked).Root!.Element("metadata")!.Elements(WebVirtMetadata.Ns + "guest"));
        Assert.Equal(Sample.Description, WebVirtMetadata.Read(marked)!.Description);
    }

    [Fact]
    public void A_guest_never_made_by_webvirt_can_still_be_marked_as_template()
    {
        string marked = WebVirtMetadata.WithTemplateFlag("<domain><name>x</name><memory>1</memory></domain>", isTemplate: true);
        Assert.True(WebVirtMetadata.Read(marked)!.IsTemplate);
        Assert.Equal("metadata", XDocument.Parse(marked).Root!.Element("name")!.ElementsAfterSelf().First().Name.LocalName);
    }

    [Fact]
    public void A_domain_without_metadata_reads_as_null() =>
        Assert.Null(WebVirtMetadata.Read("<domain><name>x</name></domain>"));

    [Fact]
    public void Metadata_survives_a_libvirt_style_reindent()
    {
        var domain = XDocument.Parse("<domain><name>x</name></domain>");
        Sample.WriteTo(domain);
        var reparsed = XDocument.Parse(domain.ToString(SaveOptions.None), LoadOptions.PreserveWhitespace);
        Assert.Equal(Sample.Description, reparsed.Value("/domain/metadata/*[local-name()='guest']/*[local-name()='description']"));
    }
}
