using System.Globalization;
using System.Xml.Linq;
using WebVirt.Domain.Networks;
using WebVirt.Domain.Storage;
using WebVirt.Domain.Tests.Support;
using WebVirt.Domain.Validation;
using WebVirt.Testing;

namespace WebVirt.Domain.Tests.Libvirt;

/// <summary>
/// Generated pool, volume and network XML defined on the real qemu:///system daemon through virsh
/// (WebVirt.Libvirt has no pool/network API yet). Networks are only defined, never started, and
/// use 10.254.x.0/24 and fd00:254:x::/64, which this host's interfaces do not use.
/// </summary>
[Collection(LibvirtCollection.Name)]
public sealed class StorageAndNetworkAcceptanceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory(TestRun.Prefix + "pools-").FullName;

    public void Dispose()
    {
        try
        {
            Virsh.RemoveRunPoolsAndNetworks(TestRun.Prefix);
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    public static TheoryData<string> PoolCases() => new("dir", "fs", "netfs", "logical", "logical-no-devices", "metachars");

    private static readonly string[] NetworkKinds = ["nat", "nat-full", "routed", "isolated", "isolated-bare", "open", "bridge", "ipv6-only-routed"];

    public static TheoryData<string> NetworkCases() => new(NetworkKinds);

    [Theory]
    [MemberData(nameof(PoolCases))]
    public void Pool_xml_is_accepted(string kind)
    {
        string name = TestRun.GuestName("pool-" + kind);
        string target = Path.Combine(_directory, kind == "metachars" ? "odd <&'\"]]> dir" : kind);
        PoolSpec spec = kind switch
        {
            "dir" or "metachars" => new PoolSpec.Directory(name, target),
            "fs" => new PoolSpec.FileSystem(name, "/dev/disk/by-label/wvt-none", FileSystemFormat.Ext4, target),
            "netfs" => new PoolSpec.NetworkFileSystem(name, "filer.invalid", "/export/vm", NetworkFileSystemFormat.Nfs, target),
            "logical" => new PoolSpec.Logical(name, "wvt_" + TestRun.Id, ["/dev/wvt-none-1", "/dev/wvt-none-2"]),
            "logical-no-devices" => new PoolSpec.Logical(name, "wvt_" + TestRun.Id, []),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        XDocument expected = StoragePoolXmlBuilder.Build(Refused.Valid(StoragePoolValidator.Validate(spec, [])));

        Virsh.RunWithFile(expected.ToString(), file => ["pool-define", file]);
        try
        {
            XDocument stored = XDocument.Parse(Virsh.Run("pool-dumpxml", "--inactive", name));
            Assert.Equal(expected.Value("/pool/@type"), stored.Value("/pool/@type"));
            Assert.Equal(expected.Value("/pool/target/path"), stored.Value("/pool/target/path"));
            Assert.Equal(expected.Value("/pool/source/device/@path"), stored.Value("/pool/source/device/@path"));
            Assert.Equal(expected.Value("/pool/source/host/@name"), stored.Value("/pool/source/host/@name"));
            Assert.Equal(expected.Value("/pool/source/dir/@path"), stored.Value("/pool/source/dir/@path"));
            Assert.Equal(expected.Value("/pool/source/format/@type"), stored.Value("/pool/source/format/@type"));
            Assert.Equal(expected.Value("/pool/source/name"), stored.Value("/pool/source/name"));
        }
        finally
        {
            Virsh.Run("pool-undefine", name);
        }
    }

    [Fact]
    public void Volume_xml_is_accepted_for_new_clone_and_upload_volumes()
    {
        string name = TestRun.GuestName("pool-volumes");
        string target = Path.Combine(_directory, "volumes");
        Directory.CreateDirectory(target);
        XDocument pool = StoragePoolXmlBuilder.Build(Refused.Valid(StoragePoolValidator.Validate(new PoolSpec.Directory(name, target), [])));
        Virsh.RunWithFile(pool.ToString(), file => ["pool-define", file]);
        try
        {
            Virsh.Run("pool-start", name);
            var info = new StoragePoolInfo(name, target, 1L << 30, []);
            ValidatedVolume thin = Refused.Valid(VolumeValidator.ValidateNew(new VolumeSpec("thin.qcow2", VolumeFormat.Qcow2, 1L << 20), info));
            ValidatedVolume full = Refused.Valid(VolumeValidator.ValidateNew(new VolumeSpec("full.img", VolumeFormat.Raw, 1L << 20, 1L << 20), info));
            ValidatedVolume upload = Refused.Valid(VolumeValidator.ValidateUpload(new UploadSpec("My Installer.ISO", 4096), info));
            foreach (ValidatedVolume volume in (ValidatedVolume[])[thin, full, upload])
            {
                Virsh.RunWithFile(VolumeXmlBuilder.BuildString(volume), file => ["vol-create", name, file]);
            }

            var withVolumes = info with { Volumes = [new PoolVolume(thin.Path, "qcow2"), new PoolVolume(full.Path, "raw"), new PoolVolume(upload.Path, "iso")] };
            ValidatedVolume clone = Refused.Valid(VolumeValidator.ValidateClone(new VolumeCloneSpec("copy.img", VolumeFormat.Raw, 1L << 20), withVolumes));
            Virsh.RunWithFile(VolumeXmlBuilder.BuildString(clone), file => ["vol-create-from", name, file, "thin.qcow2", "--inputpool", name]);

            XDocument thinXml = XDocument.Parse(Virsh.Run("vol-dumpxml", "--pool", name, "thin.qcow2"));
            Assert.Equal("qcow2", thinXml.Value("/volume/target/format/@type"));
            Assert.Equal((1L << 20).ToString(CultureInfo.InvariantCulture), thinXml.Value("/volume/capacity"));
            Assert.Equal(thin.Path, thinXml.Value("/volume/target/path"));
            Assert.Equal("raw", XDocument.Parse(Virsh.Run("vol-dumpxml", "--pool", name, "copy.img")).Value("/volume/target/format/@type"));
            Assert.Equal("My_Installer.iso", upload.Name);
            Assert.True(File.Exists(Path.Combine(target, "My_Installer.iso")));

            ValidatedResize resize = Refused.Valid(VolumeValidator.ValidateResize(new VolumeResizeSpec(1L << 20, 2L << 20), withVolumes));
            Virsh.Run("vol-resize", "--pool", name, "thin.qcow2", resize.NewCapacityBytes.ToString(CultureInfo.InvariantCulture));
            Assert.Equal((2L << 20).ToString(CultureInfo.InvariantCulture), XDocument.Parse(Virsh.Run("vol-dumpxml", "--pool", name, "thin.qcow2")).Value("/volume/capacity"));
        }
        finally
        {
            foreach (string volume in (string[])["thin.qcow2", "full.img", "My_Installer.iso", "copy.img"])
            {
                Virsh.Try("vol-delete", "--pool", name, volume);
            }

            Virsh.Try("pool-destroy", name);
            Virsh.Run("pool-undefine", name);
        }
    }

    [Theory]
    [MemberData(nameof(NetworkCases))]
    public void Network_xml_is_accepted(string kind)
    {
        string name = TestRun.GuestName("net-" + kind);
        NetworkHost host = HostNetworks();
        int third = FreeThirdOctet(host, 200 + Array.IndexOf(NetworkKinds, kind));
        var ipv4 = new Ipv4Settings($"10.254.{third}.0/24", DhcpStart: $"10.254.{third}.100", DhcpEnd: $"10.254.{third}.199");
        NetworkSpec spec = kind switch
        {
            "nat" => new NetworkSpec(name, NetworkMode.Nat) { Ipv4 = ipv4 },
            "nat-full" => new NetworkSpec(name, NetworkMode.Nat)
            {
                Ipv4 = ipv4 with { Gateway = $"10.254.{third}.254" },
                Ipv6 = new Ipv6Settings($"fd00:254:{third}::/64", DhcpStart: $"fd00:254:{third}::100", DhcpEnd: $"fd00:254:{third}::1ff"),
                BridgeName = "wvt" + TestRun.Id,
                DomainName = "wvt.example",
                ForwardDevice = "lo",
            },
            "routed" => new NetworkSpec(name, NetworkMode.Routed) { Ipv4 = ipv4, ForwardDevice = "lo" },
            "isolated" => new NetworkSpec(name, NetworkMode.Isolated) { Ipv4 = ipv4 },
            "isolated-bare" => new NetworkSpec(name, NetworkMode.Isolated),
            "open" => new NetworkSpec(name, NetworkMode.Open) { Ipv4 = ipv4 },
            "bridge" => new NetworkSpec(name, NetworkMode.Bridge) { BridgeName = "br0" },
            "ipv6-only-routed" => new NetworkSpec(name, NetworkMode.Routed) { Ipv6 = new Ipv6Settings($"fd00:254:{third}::/64") },
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        XDocument expected = NetworkXmlBuilder.Build(Refused.Valid(NetworkSpecValidator.Validate(spec, host with { Bridges = ["br0"] })));

        Virsh.RunWithFile(expected.ToString(), file => ["net-define", file]);
        try
        {
            XDocument stored = XDocument.Parse(Virsh.Run("net-dumpxml", "--inactive", name));
            Assert.Equal(expected.Value("/network/forward/@mode"), stored.Value("/network/forward/@mode"));
            Assert.Equal(expected.Value("/network/forward/@dev"), stored.Value("/network/forward/@dev"));
            Assert.Equal(expected.Value("/network/ip[not(@family)]/@address"), stored.Value("/network/ip[not(@family) or @family='ipv4']/@address"));
            Assert.Equal(expected.Value("/network/ip[not(@family)]/dhcp/range/@start"), stored.Value("/network/ip[not(@family) or @family='ipv4']/dhcp/range/@start"));
            Assert.Equal(expected.Value("/network/ip[@family='ipv6']/@address"), stored.Value("/network/ip[@family='ipv6']/@address"));
            Assert.Equal(expected.Value("/network/ip[@family='ipv6']/dhcp/range/@end"), stored.Value("/network/ip[@family='ipv6']/dhcp/range/@end"));
            Assert.Equal(expected.Value("/network/domain/@name"), stored.Value("/network/domain/@name"));
            if (expected.Value("/network/bridge/@name") is string bridge)
            {
                Assert.Equal(bridge, stored.Value("/network/bridge/@name"));
            }

            Assert.NotEqual("yes", Virsh.Run("net-info", name).Split('\n').Single(l => l.StartsWith("Active:", StringComparison.Ordinal)).Split(':')[1].Trim());
        }
        finally
        {
            Virsh.Run("net-undefine", name);
        }
    }

    [Fact]
    public void A_static_lease_is_accepted_by_net_update()
    {
        string name = TestRun.GuestName("net-leases");
        NetworkHost host = HostNetworks();
        string subnet = $"10.254.{FreeThirdOctet(host, 199)}";
        XDocument network = NetworkXmlBuilder.Build(Refused.Valid(NetworkSpecValidator.Validate(
            new NetworkSpec(name, NetworkMode.Isolated) { Ipv4 = new Ipv4Settings($"{subnet}.0/24", DhcpStart: $"{subnet}.100", DhcpEnd: $"{subnet}.150") },
            host)));
        Virsh.RunWithFile(network.ToString(), file => ["net-define", file]);
        try
        {
            string current = Virsh.Run("net-dumpxml", "--inactive", name);
            ValidatedDhcpHost lease = Refused.Valid(DhcpHostValidator.Validate(new DhcpHostSpec("52:54:00:fe:00:01", $"{subnet}.10", "db"), current));
            Virsh.RunWithFile(NetworkXmlBuilder.DhcpHost(lease).ToString(), file => ["net-update", name, "add-last", "ip-dhcp-host", file, "--config"]);

            string updated = Virsh.Run("net-dumpxml", "--inactive", name);
            XDocument stored = XDocument.Parse(updated);
            Assert.Equal($"{subnet}.10", stored.Value("/network/ip/dhcp/host[@mac='52:54:00:fe:00:01']/@ip"));
            Assert.Equal("db", stored.Value("/network/ip/dhcp/host[@mac='52:54:00:fe:00:01']/@name"));

            // What libvirt now holds is what the validator reads next time.
            Refused.Assert(DhcpHostValidator.Validate(new DhcpHostSpec("52:54:00:fe:00:02", $"{subnet}.10"), updated), "Ip", ValidationKeys.DhcpHostIpInUse);
            Refused.Assert(DhcpHostValidator.Validate(new DhcpHostSpec("52:54:00:fe:00:01", $"{subnet}.11"), updated), "Mac", ValidationKeys.MacDuplicate);
        }
        finally
        {
            Virsh.Run("net-undefine", name);
        }
    }

    [Fact]
    public void The_test_subnets_do_not_collide_with_this_hosts_addresses()
    {
        NetworkHost host = HostNetworks();
        Assert.NotEmpty(host.InterfaceAddresses);
        int third = FreeThirdOctet(host, 199);
        Assert.True(IpSubnet.TryParse($"10.254.{third}.0/24", System.Net.Sockets.AddressFamily.InterNetwork, out IpSubnet subnet, out _));
        Assert.Null(NetworkSpecValidator.FindOverlap(subnet, host, "Ipv4.Cidr"));
        Assert.All(host.InterfaceAddresses.Where(a => a.Cidr.Contains('.', StringComparison.Ordinal)), a => Assert.False(a.Cidr.StartsWith($"10.254.{third}.", StringComparison.Ordinal)));
    }

    /// <summary>
    /// The third octet of a 10.254.x.0/24 that no interface or defined network (also another test
    /// run's) uses, starting at <paramref name="preferred"/>; with its IPv6 twin fd00:254:x::/64.
    /// </summary>
    private static int FreeThirdOctet(NetworkHost host, int preferred)
    {
        for (int offset = 0; offset < 56; offset++)
        {
            int third = 199 + ((preferred - 199 + offset) % 56);
            bool v4 = IpSubnet.TryParse($"10.254.{third}.0/24", System.Net.Sockets.AddressFamily.InterNetwork, out IpSubnet subnet4, out _);
            bool v6 = IpSubnet.TryParse($"fd00:254:{third}::/64", System.Net.Sockets.AddressFamily.InterNetworkV6, out IpSubnet subnet6, out _);
            if (v4 && v6 && NetworkSpecValidator.FindOverlap(subnet4, host, "x") is null && NetworkSpecValidator.FindOverlap(subnet6, host, "x") is null)
            {
                return third;
            }
        }

        throw new InvalidOperationException("no free 10.254.x.0/24 test subnet");
    }

    /// <summary>This host's interface addresses and defined networks, as the agent would read them.</summary>
    private static NetworkHost HostNetworks()
    {
        var addresses = new List<HostInterfaceAddress>();
        foreach (System.Net.NetworkInformation.NetworkInterface nic in System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces())
        {
            foreach (System.Net.NetworkInformation.UnicastIPAddressInformation address in nic.GetIPProperties().UnicastAddresses)
            {
                string text = address.Address.ToString();
                if (!text.Contains('%', StringComparison.Ordinal))
                {
                    addresses.Add(new HostInterfaceAddress(nic.Name, $"{text}/{address.PrefixLength}"));
                }
            }
        }

        var networks = Virsh.Names("net-list")
            .Select(n => XDocument.Parse(Virsh.Run("net-dumpxml", "--inactive", n)))
            .Select(x => new ExistingNetwork(
                x.Value("/network/name")!,
                x.All("/network/ip").Select(ip => $"{(string?)ip.Attribute("address")}/{(string?)ip.Attribute("prefix") ?? "24"}").ToArray()))
            .ToArray();
        return new NetworkHost
        {
            Networks = networks,
            InterfaceAddresses = addresses,
            Interfaces = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces().Select(n => n.Name).ToArray(),
        };
    }
}
