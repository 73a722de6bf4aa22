namespace WebVirt.Libvirt.Tests.TestDriver;

[Collection(TestDriverCollection.Name)]
public sealed class ErrorTests
{
    [Fact]
    public void Unknown_domain_name_throws_no_domain()
    {
        using LibvirtConnection connection = LibvirtConnection.Open(TestDriverCollection.Uri);

        LibvirtException error = Assert.Throws<LibvirtException>(() => connection.LookupDomainByName("nope"));

        Assert.Equal(LibvirtErrorCodes.NoDomain, error.Code);
        Assert.Equal("VIR_ERR_NO_DOMAIN", error.CodeName);
        Assert.Equal(12, error.ErrorDomain);
        Assert.Equal("VIR_FROM_TEST", error.ErrorDomainName);
        Assert.Equal("Domain not found", error.Message);
    }

    [Fact]
    public void Unknown_uuid_throws_no_domain()
    {
        using LibvirtConnection connection = LibvirtConnection.Open(TestDriverCollection.Uri);

        LibvirtException error = Assert.Throws<LibvirtException>(
            () => connection.LookupDomainByUuid("00000000-0000-0000-0000-000000000001"));

        Assert.Equal(LibvirtErrorCodes.NoDomain, error.Code);
    }

    [Fact]
    public void Malformed_xml_throws_xml_error()
    {
        using LibvirtConnection connection = LibvirtConnection.Open(TestDriverCollection.Uri);

        LibvirtException error = Assert.Throws<LibvirtException>(() => connection.DefineDomainXml("<domain"));

        Assert.Equal(LibvirtErrorCodes.XmlDetail, error.Code);
        Assert.Equal("VIR_ERR_XML_DETAIL", error.CodeName);
    }

    [Fact]
    public void Unknown_uri_scheme_fails_to_open()
    {
        LibvirtException error = Assert.Throws<LibvirtException>(() => LibvirtConnection.Open("nosuchdriver:///x"));

        Assert.Equal(LibvirtErrorCodes.NoConnect, error.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Error_is_not_carried_over_to_the_next_successful_call()
    {
        using LibvirtConnection connection = LibvirtConnection.Open(TestDriverCollection.Uri);
        Assert.Throws<LibvirtException>(() => connection.LookupDomainByName("nope"));

        using LibvirtDomain domain = connection.LookupDomainByName(TestDriverCollection.DefaultDomain);
        LibvirtException error = Assert.Throws<LibvirtException>(() => connection.DefineDomainXml("<domain"));

        Assert.Equal(LibvirtErrorCodes.XmlDetail, error.Code);
    }
}
