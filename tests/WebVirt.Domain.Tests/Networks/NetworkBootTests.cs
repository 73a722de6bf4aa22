using System.Xml.Linq;
using WebVirt.Domain.Networks;
using WebVirt.Domain.Tests.Support;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests.Networks;

/// <summary>A network's PXE boot server: libvirt's &lt;tftp&gt; and &lt;bootp&gt;, and what is refused before libvirt sees it.</summary>
public sealed class NetworkBootTests
{
    private static readonly BootFolderFacts Readable = new(Exists: true, ReadableByAll: true, BootFileReadable: true);

    private static readonly NetworkHost Host = new() { BootFolder = Readable };

    private static NetworkSpec Isolated(NetworkBoot boot) => new("pxe", NetworkMode.Isolated)
    {
        Ipv4 = new Ipv4Settings("10.254.7.0/24", DhcpStart: "10.254.7.100", DhcpEnd: "10.254.7.200"),
        Boot = boot,
    };

    [Fact]
    public void The_folder_and_boot_file_go_into_tftp_and_bootp_of_the_ipv4_block()
    {
        XDocument xml = NetworkXmlBuilder.Build(Refused.Valid(NetworkSpecValidator.Validate(Isolated(new NetworkBoot("/srv/tftp", "boot.ipxe")), Host)));

        Assert.Equal("/srv/tftp", xml.Value("/network/ip/tftp/@root"));
        Assert.Equal("boot.ipxe", xml.Value("/network/ip/dhcp/bootp/@file"));
        Assert.Null(xml.Value("/network/ip/dhcp/bootp/@server"));
        Assert.Equal("10.254.7.100", xml.Value("/network/ip/dhcp/range/@start"));
    }

    [Fact]
    public void A_next_server_is_written_as_the_bootp_server()
    {
        XDocument xml = NetworkXmlBuilder.Build(Refused.Valid(NetworkSpecValidator.Validate(Isolated(new NetworkBoot("/srv/tftp", "pxelinux/pxelinux.0", "10.254.7.5")), Host)));

        Assert.Equal("10.254.7.5", xml.Value("/network/ip/dhcp/bootp/@server"));
        Assert.Equal("pxelinux/pxelinux.0", xml.Value("/network/ip/dhcp/bootp/@file"));
    }

    [Fact]
    public void Without_boot_there_is_no_tftp_or_bootp()
    {
        XDocument xml = NetworkXmlBuilder.Build(Refused.Valid(NetworkSpecValidator.Validate(Isolated(new NetworkBoot("/srv/tftp", "boot.ipxe")) with { Boot = null }, Host)));

        Assert.Equal(0, xml.Count("/network/ip/tftp"));
        Assert.Equal(0, xml.Count("//bootp"));
    }

    [Theory]
    [InlineData("srv/tftp")]
    [InlineData("/srv/../etc")]
    [InlineData("/srv//tftp")]
    [InlineData("/srv/tftp\n")]
    public void A_folder_that_is_not_a_plain_absolute_path_is_refused(string root) =>
        Refused.Assert(NetworkSpecValidator.Validate(Isolated(new NetworkBoot(root, "boot.ipxe")), Host), "Boot.TftpRoot", ValidationKeys.PxeTftpRootNotAbsolute);

    [Fact]
    public void A_missing_folder_is_refused() =>
        Refused.Assert(NetworkSpecValidator.Validate(Isolated(new NetworkBoot("/srv/tftp", "boot.ipxe")), Host with { BootFolder = new(false, false, false) }), "Boot.TftpRoot", ValidationKeys.PxeTftpRootMissing);

    [Fact]
    public void A_folder_dnsmasq_cannot_read_is_refused_naming_chmod()
    {
        ValidationProblem problem = Refused.Assert(
            NetworkSpecValidator.Validate(Isolated(new NetworkBoot("/root/tftp", "boot.ipxe")), Host with { BootFolder = new(true, false, false) }), "Boot.TftpRoot", ValidationKeys.PxeTftpRootNotReadable);

        Assert.Contains("chmod o+rx", problem.DefaultMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/boot.ipxe")]
    [InlineData("../boot.ipxe")]
    [InlineData("a/../../b")]
    [InlineData("boot ipxe")]
    [InlineData("boot;reboot")]
    [InlineData("dir/")]
    public void A_boot_file_that_is_not_a_plain_relative_name_is_refused(string file) =>
        Refused.Assert(NetworkSpecValidator.Validate(Isolated(new NetworkBoot("/srv/tftp", file)), Host), "Boot.BootFile", ValidationKeys.PxeBootFileInvalid);

    [Fact]
    public void A_boot_file_not_in_the_folder_is_refused() =>
        Refused.Assert(NetworkSpecValidator.Validate(Isolated(new NetworkBoot("/srv/tftp", "boot.ipxe")), Host with { BootFolder = new(true, true, false) }), "Boot.BootFile", ValidationKeys.PxeBootFileMissing);

    [Fact]
    public void Boot_without_a_dhcp_range_is_refused() =>
        Refused.Assert(NetworkSpecValidator.Validate(Isolated(new NetworkBoot("/srv/tftp", "boot.ipxe")) with { Ipv4 = new Ipv4Settings("10.254.7.0/24") }, Host), "Boot", ValidationKeys.PxeNeedsDhcp);

    [Fact]
    public void Boot_on_an_ipv6_only_network_is_refused() =>
        Refused.Assert(
            NetworkSpecValidator.Validate(new NetworkSpec("pxe6", NetworkMode.Isolated) { Ipv6 = new Ipv6Settings("fd00:254:7::/64"), Boot = new NetworkBoot("/srv/tftp", "boot.ipxe") }, Host),
            "Boot", ValidationKeys.PxeNeedsDhcp);

    [Fact]
    public void A_malformed_next_server_is_refused() =>
        Refused.Assert(NetworkSpecValidator.Validate(Isolated(new NetworkBoot("/srv/tftp", "boot.ipxe", "10.254.7")), Host), "Boot.NextServer", ValidationKeys.IpMalformed);

    [Fact]
    public void Boot_on_a_host_bridge_is_refused() =>
        Refused.Assert(
            NetworkSpecValidator.Validate(new NetworkSpec("pxebr", NetworkMode.Bridge) { BridgeName = "br0", Boot = new NetworkBoot("/srv/tftp", "boot.ipxe") }, Host with { Bridges = ["br0"] }),
            "Mode", ValidationKeys.NetworkBridgeModeNoIp);
}
