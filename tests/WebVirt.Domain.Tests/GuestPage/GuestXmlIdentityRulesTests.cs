using System.Globalization;
using System.Xml.Linq;
using WebVirt.Domain.GuestPage;
using WebVirt.Domain.Tests.Support;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests.GuestPage;

public sealed class GuestXmlIdentityRulesTests
{
    private const string Uuid = "6f1c1b8e-7d0c-4b8e-9a51-2f7e1c3d4a5b";
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");

    private static readonly string Current =
        $"<domain type='kvm'><name>web1</name><uuid>{Uuid}</uuid><memory unit='KiB'>1048576</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>";

    [Fact]
    public void An_edit_that_keeps_the_name_and_uuid_is_accepted_as_given()
    {
        string edited = Current.Replace("1048576", "2097152", StringComparison.Ordinal).Replace(Uuid, Uuid.ToUpperInvariant(), StringComparison.Ordinal);

        SameGuestXml same = Refused.Valid(GuestXmlIdentityRules.Check(Current, edited));

        Assert.Equal((edited, "web1", Guid.Parse(Uuid)), (same.Xml, same.Name, same.Uuid));
    }

    [Theory]
    [InlineData("<domain><name>web1</name>")]
    [InlineData("")]
    [InlineData("not xml at all")]
    public void Xml_that_is_not_well_formed_is_refused_with_the_parser_message(string edited)
    {
        ValidationProblem problem = Refused.Assert(GuestXmlIdentityRules.Check(Current, edited), "Xml", ValidationKeys.XmlInvalid);

        Assert.StartsWith("The XML could not be read: ", problem.Format(English), StringComparison.Ordinal);
        Assert.StartsWith("无法读取 XML：", problem.Format(Chinese), StringComparison.Ordinal);
        Assert.True(problem.Format(English).Length > "The XML could not be read: ".Length);
    }

    [Fact]
    public void Xml_of_something_other_than_a_domain_is_refused() =>
        Assert.Equal(
            "The XML could not be read: <network>",
            Refused.Assert(GuestXmlIdentityRules.Check(Current, "<network><name>web1</name></network>"), "Xml", ValidationKeys.XmlInvalid).Format(English));

    [Fact]
    public void Renaming_the_guest_is_refused()
    {
        ValidationProblem problem = Refused.Assert(GuestXmlIdentityRules.Check(Current, Current.Replace("<name>web1</name>", "<name>web2</name>", StringComparison.Ordinal)), "Xml", ValidationKeys.XmlRenamesGuest);

        Assert.Equal("The XML renames the guest from “web1” to “web2”; a guest cannot be renamed by editing its XML.", problem.Format(English));
        Assert.Equal("该 XML 会把虚拟机从“web1”重命名为“web2”；不能通过编辑 XML 重命名虚拟机。", problem.Format(Chinese));
    }

    [Fact]
    public void Removing_the_name_is_a_rename_to_nothing() =>
        Refused.Assert(GuestXmlIdentityRules.Check(Current, Current.Replace("<name>web1</name>", string.Empty, StringComparison.Ordinal)), "Xml", ValidationKeys.XmlRenamesGuest);

    [Fact]
    public void Changing_the_uuid_is_refused()
    {
        const string other = "00000000-0000-4000-8000-000000000001";
        ValidationProblem problem = Refused.Assert(GuestXmlIdentityRules.Check(Current, Current.Replace(Uuid, other, StringComparison.Ordinal)), "Xml", ValidationKeys.XmlUuidChanged);

        Assert.Equal($"The XML changes the guest's UUID from {Uuid} to {other}; the UUID cannot be changed.", problem.Format(English));
        Assert.Equal($"该 XML 会把虚拟机的 UUID 从 {Uuid} 改为 {other}；UUID 不能更改。", problem.Format(Chinese));
    }

    [Fact]
    public void A_uuid_that_is_not_a_uuid_is_a_change() =>
        Refused.Assert(GuestXmlIdentityRules.Check(Current, Current.Replace(Uuid, "garbage", StringComparison.Ordinal)), "Xml", ValidationKeys.XmlUuidChanged);

    [Fact]
    public void Removing_the_uuid_is_refused_because_libvirt_would_define_a_new_guest()
    {
        XDocument edited = XDocument.Parse(Current);
        edited.Root!.Element("uuid")!.Remove();

        ValidationProblem problem = Refused.Assert(GuestXmlIdentityRules.Check(Current, edited.ToString()), "Xml", ValidationKeys.XmlUuidMissing);

        Assert.Equal($"The XML must keep the guest's UUID {Uuid}.", problem.Format(English));
        Assert.Equal($"XML 必须保留虚拟机的 UUID {Uuid}。", problem.Format(Chinese));
    }
}
