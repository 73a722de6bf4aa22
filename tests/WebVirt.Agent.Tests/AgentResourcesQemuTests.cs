using System.Globalization;
using System.Xml.Linq;
using Microsoft.AspNetCore.SignalR.Client;
using WebVirt.Contracts;
using WebVirt.Libvirt;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests;

/// <summary>Storage pools, volumes and networks through the agent's hub on the real qemu:///system.</summary>
[Trait("Category", "Qemu")]
[Collection(HostNetworksCollection.Name)]
public sealed class AgentResourcesQemuTests : IAsyncLifetime
{
    private const string Uri = "qemu:///system";
    private const long MiB = 1024 * 1024;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    // This class's share of the run prefix: what it removes at the end is only its own.
    private static readonly string Prefix = TestRun.GuestName("res-");
    private readonly string _poolRoot = Path.Combine(Path.GetTempPath(), $"webvirt-test-{TestRun.Id}-pools-{Guid.NewGuid():N}");
    private readonly string _guest = Prefix + "user";
    private AgentFactory _agent = null!;
    private HubConnection _hub = null!;

    public async Task InitializeAsync()
    {
        _agent = new AgentFactory(Uri);
        _hub = _agent.CreateHubConnection(AgentFactory.Token);
        await _hub.StartAsync();
        await _hub.WaitUntilConnectedAsync(Wait);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _agent.DisposeAsync();
        using (var connection = LibvirtConnection.Open(Uri))
        {
            try
            {
                using var domain = connection.LookupDomainByName(_guest);
                domain.Undefine();
            }
            catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoDomain)
            {
            }
        }

        TestResourceCleaner.RemoveRunPoolsAndNetworks(Uri, Prefix);
        if (Directory.Exists(_poolRoot))
        {
            Directory.Delete(_poolRoot, recursive: true);
        }
    }

    [Fact]
    public async Task A_dir_pool_and_its_volumes_go_through_their_whole_life_and_guests_block_deletion()
    {
        string pool = Prefix + "pool-hub";
        string target = Path.Combine(_poolRoot, "hub");
        // libvirtd (root) creates the pool directory below this one.
        Directory.CreateDirectory(_poolRoot);
        File.SetUnixFileMode(_poolRoot, (UnixFileMode)Convert.ToInt32("755", 8));

        var created = await Invoke(nameof(IAgentHub.CreateStoragePool), new StoragePoolCreateRequest(pool, StoragePoolKind.Directory, target, Autostart: false));
        Assert.True(created.Ok, created.ToString());
        Assert.True(Directory.Exists(target));
        var summary = Assert.Single(await Pools(), p => p.Name == pool);
        Assert.Equal(("dir", true, false, target), (summary.Type, summary.Active, summary.Autostart, summary.TargetPath));
        Assert.True(summary.CapacityBytes > 0);

        Assert.True((await Invoke(nameof(IAgentHub.CreateStorageVolume), new StorageVolumeCreateRequest(pool, "disk.qcow2", "qcow2", 16 * MiB))).Ok);
        Assert.True((await Invoke(nameof(IAgentHub.CreateStorageVolume), new StorageVolumeCreateRequest(pool, "data.img", "raw", 8 * MiB))).Ok);
        var duplicate = await Invoke(nameof(IAgentHub.CreateStorageVolume), new StorageVolumeCreateRequest(pool, "data.img", "raw", 8 * MiB));
        Assert.Equal(ErrorCodes.InputInvalid, duplicate.ErrorCode);
        Assert.Contains("data.img", duplicate.ToString());

        Assert.True((await Invoke(nameof(IAgentHub.ResizeStorageVolume), new StorageVolumeResizeRequest(pool, "data.img", 16 * MiB))).Ok);
        var shrink = await Invoke(nameof(IAgentHub.ResizeStorageVolume), new StorageVolumeResizeRequest(pool, "data.img", 4 * MiB));
        Assert.Equal(ErrorCodes.InputInvalid, shrink.ErrorCode);
        Assert.Equal(16 * MiB, new FileInfo(Path.Combine(target, "data.img")).Length);

        var cloned = await Invoke(nameof(IAgentHub.CloneStorageVolume), new StorageVolumeCloneRequest(pool, "data.img", "copy.qcow2"));
        Assert.True(cloned.Ok, cloned.ToString());
        var volumes = await Volumes(pool);
        Assert.Equal(["copy.qcow2", "data.img", "disk.qcow2"], volumes.Select(v => v.Name));
        Assert.Equal(["qcow2", "raw", "qcow2"], volumes.Select(v => v.Format));
        Assert.Equal((ulong)(16 * MiB), volumes.Single(v => v.Name == "copy.qcow2").CapacityBytes);
        Assert.All(volumes, v => Assert.Empty(v.UsedBy));

        // A defined (not running) guest with data.img as its disk blocks deleting the volume and the pool.
        DefineGuestWithDisk(Path.Combine(target, "data.img"));
        Assert.Equal([_guest], (await Volumes(pool)).Single(v => v.Name == "data.img").UsedBy);
        var volumeRefused = await Invoke(nameof(IAgentHub.DeleteStorageVolume), pool, "data.img");
        Assert.Equal(ErrorCodes.InUse, volumeRefused.ErrorCode);
        Assert.Contains(_guest, volumeRefused.ToString());
        var poolRefused = await Invoke(nameof(IAgentHub.DeleteStoragePool), pool, true);
        Assert.Equal(ErrorCodes.InUse, poolRefused.ErrorCode);
        Assert.Contains(_guest, poolRefused.ToString());
        Assert.True(File.Exists(Path.Combine(target, "data.img")));
        UndefineGuest();

        Assert.True((await Invoke(nameof(IAgentHub.DeleteStorageVolume), pool, "copy.qcow2")).Ok);
        Assert.False(File.Exists(Path.Combine(target, "copy.qcow2")));

        Assert.True((await Invoke(nameof(IAgentHub.ActOnStoragePool), pool, StoragePoolAction.Stop)).Ok);
        Assert.False((await Pools()).Single(p => p.Name == pool).Active);
        Assert.Empty(await Volumes(pool));
        Assert.True((await Invoke(nameof(IAgentHub.ActOnStoragePool), pool, StoragePoolAction.Start)).Ok);
        Assert.True((await Invoke(nameof(IAgentHub.ActOnStoragePool), pool, StoragePoolAction.Refresh)).Ok);
        Assert.True((await Invoke(nameof(IAgentHub.ActOnStoragePool), pool, StoragePoolAction.AutostartOn)).Ok);
        Assert.True((await Pools()).Single(p => p.Name == pool).Autostart);

        var deleted = await Invoke(nameof(IAgentHub.DeleteStoragePool), pool, true);
        Assert.True(deleted.Ok, deleted.ToString());
        Assert.DoesNotContain(await Pools(), p => p.Name == pool);
        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public async Task An_invalid_pool_is_refused_with_every_problem_and_nothing_is_defined()
    {
        var refused = await Invoke(nameof(IAgentHub.CreateStoragePool),
            new StoragePoolCreateRequest("bad name!", StoragePoolKind.Directory, "relative/dir"));
        Assert.Equal(ErrorCodes.InputInvalid, refused.ErrorCode);
        Assert.Equal(2, refused.Problems!.Count);
        Assert.DoesNotContain(await Pools(), p => p.Name == "bad name!");

        // Keys and arguments only: the console words them in the user's language.
        Assert.NotEqual(ResultText.Of(refused), ResultText.Of(refused, "zh-Hans"));
    }

    [Fact]
    public async Task Isolated_and_nat_networks_are_created_used_and_deleted_and_overlaps_are_refused()
    {
        string isolated = Prefix + "net-iso";
        string nat = Prefix + "net-nat";
        var (first, second) = FreeSubnets();

        var made = await Invoke(nameof(IAgentHub.CreateNetwork), new VirtualNetworkCreateRequest(isolated, VirtualNetworkMode.Isolated, Ipv4Cidr: $"10.254.{first}.0/24",
            Ipv4DhcpStart: $"10.254.{first}.100", Ipv4DhcpEnd: $"10.254.{first}.199", Autostart: false));
        Assert.True(made.Ok, made.ToString());
        made = await Invoke(nameof(IAgentHub.CreateNetwork), new VirtualNetworkCreateRequest(nat, VirtualNetworkMode.Nat, Ipv4Cidr: $"10.254.{second}.0/24", Autostart: false));
        Assert.True(made.Ok, made.ToString());

        var networks = await Networks();
        var iso = networks.Single(n => n.Name == isolated);
        Assert.Equal((VirtualNetworkMode.Isolated, true, $"10.254.{first}.1/24"), (iso.Mode, iso.Active, iso.Ipv4));
        Assert.Equal($"10.254.{first}.100 – 10.254.{first}.199", iso.DhcpRange);
        Assert.Equal(VirtualNetworkMode.Nat, networks.Single(n => n.Name == nat).Mode);

        // The overlap names the network that already has the subnet; nothing is defined.
        string overlapping = Prefix + "net-overlap";
        var refused = await Invoke(nameof(IAgentHub.CreateNetwork), new VirtualNetworkCreateRequest(overlapping, VirtualNetworkMode.Isolated, Ipv4Cidr: $"10.254.{first}.128/25"));
        Assert.Equal(ErrorCodes.InputInvalid, refused.ErrorCode);
        Assert.Contains(isolated, refused.ToString());
        Assert.DoesNotContain(await Networks(), n => n.Name == overlapping);

        var added = await Invoke(nameof(IAgentHub.AddDhcpHost), isolated, new DhcpHostEntry("52:54:00:aa:bb:01", $"10.254.{first}.50", "fixed"));
        Assert.True(added.Ok, added.ToString());
        Assert.Equal([new DhcpHostEntry("52:54:00:aa:bb:01", $"10.254.{first}.50", "fixed")], (await Networks()).Single(n => n.Name == isolated).StaticHosts);
        var outside = await Invoke(nameof(IAgentHub.AddDhcpHost), isolated, new DhcpHostEntry("52:54:00:aa:bb:02", "10.253.0.5", null));
        Assert.Equal(ErrorCodes.InputInvalid, outside.ErrorCode);
        Assert.True((await Invoke(nameof(IAgentHub.RemoveDhcpHost), isolated, "52:54:00:aa:bb:01")).Ok);
        Assert.Empty((await Networks()).Single(n => n.Name == isolated).StaticHosts);
        Assert.Empty(await _hub.InvokeAsync<IReadOnlyList<DhcpLeaseInfo>>(nameof(IAgentHub.GetDhcpLeases), isolated));

        Assert.True((await Invoke(nameof(IAgentHub.ActOnNetwork), nat, VirtualNetworkAction.Stop)).Ok);
        Assert.False((await Networks()).Single(n => n.Name == nat).Active);
        Assert.True((await Invoke(nameof(IAgentHub.ActOnNetwork), nat, VirtualNetworkAction.Start)).Ok);
        Assert.True((await Invoke(nameof(IAgentHub.ActOnNetwork), nat, VirtualNetworkAction.AutostartOn)).Ok);
        Assert.True((await Networks()).Single(n => n.Name == nat).Autostart);

        Assert.True((await Invoke(nameof(IAgentHub.DeleteNetwork), isolated)).Ok);
        Assert.True((await Invoke(nameof(IAgentHub.DeleteNetwork), nat)).Ok);
        Assert.DoesNotContain(await Networks(), n => n.Name == isolated || n.Name == nat);
    }

    [Fact]
    public async Task A_network_overlapping_a_host_address_names_the_interface()
    {
        var address = HostNetworkInterfaces.List()
            .SelectMany(i => i.Addresses.Select(a => (i.Name, a)))
            .FirstOrDefault(x => x.a.Type == IpAddressType.IPv4 && x.Name != "lo" && x.a.PrefixLength is >= 8 and <= 30);
        Assert.True(address.Name is not null, "this test needs a host IPv4 address outside loopback");
        string name = Prefix + "net-host-overlap";

        // The subnet the address is in, written with its host bits cleared as the form expects.
        var bytes = System.Net.IPAddress.Parse(address.a.Address).GetAddressBytes();
        uint mask = address.a.PrefixLength == 0 ? 0 : uint.MaxValue << (32 - address.a.PrefixLength);
        uint network = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes) & mask;
        string cidr = $"{new System.Net.IPAddress(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(network))}/{address.a.PrefixLength.ToString(CultureInfo.InvariantCulture)}";

        var refused = await Invoke(nameof(IAgentHub.CreateNetwork), new VirtualNetworkCreateRequest(name, VirtualNetworkMode.Nat, Ipv4Cidr: cidr));
        Assert.Equal(ErrorCodes.InputInvalid, refused.ErrorCode);
        Assert.Contains(address.Name, refused.ToString());
        Assert.DoesNotContain(await Networks(), n => n.Name == name);
    }

    [Fact]
    public async Task Host_details_show_interfaces_qemu_machine_types_forwarding_and_cpu_load_between_calls()
    {
        var first = await _hub.InvokeAsync<HostDetails>(nameof(IAgentHub.GetHostDetails));
        await Task.Delay(500);
        var second = await _hub.InvokeAsync<HostDetails>(nameof(IAgentHub.GetHostDetails));

        Assert.Contains(second.Interfaces, i => i.Name == "lo" && i.Addresses.Contains("127.0.0.1/8"));
        Assert.Contains(second.MachineTypes, m => m.StartsWith("pc-q35-", StringComparison.Ordinal));
        Assert.Contains("qemu64", second.CpuModels);
        Assert.Equal(File.ReadAllText("/proc/sys/net/ipv4/ip_forward").Trim() == "1", second.IpForwarding);
        Assert.InRange(second.CpuUsagePercent!.Value, 0, 100);
        Assert.Equal(first.Interfaces.Select(i => i.Name), second.Interfaces.Select(i => i.Name));
    }

    [Fact]
    public async Task The_host_names_its_cpu_model_and_the_hypervisor_once_with_its_version()
    {
        var host = await _hub.InvokeAsync<HostInfo>(nameof(IAgentHub.GetHost));

        string cpuInfoModel = File.ReadLines("/proc/cpuinfo").First(l => l.StartsWith("model name", StringComparison.Ordinal)).Split(':', 2)[1].Trim();
        Assert.Equal(cpuInfoModel, host.CpuModel);
        string capabilitiesModel;
        ulong version;
        using (var connection = LibvirtConnection.Open(Uri))
        {
            capabilitiesModel = XDocument.Parse(connection.GetCapabilities()).Root!.Element("host")!.Element("cpu")!.Element("model")!.Value;
            version = connection.GetHypervisorVersion();
        }

        Assert.Equal(capabilitiesModel, host.LibvirtCpuModel);
        // virConnectGetVersion encodes major * 1,000,000 + minor * 1,000 + micro: 7002022 is QEMU 7.2.22.
        string expected = $"QEMU {version / 1_000_000}.{version / 1_000 % 1_000}.{version % 1_000}";
        Assert.Equal(expected, host.HypervisorVersion);
    }

    private Task<ActionResult> Invoke(string method, params object?[] args) => _hub.InvokeCoreAsync<ActionResult>(method, args);

    private Task<IReadOnlyList<StoragePoolSummary>> Pools() => _hub.InvokeAsync<IReadOnlyList<StoragePoolSummary>>(nameof(IAgentHub.GetStoragePools));

    private Task<IReadOnlyList<StorageVolumeSummary>> Volumes(string pool) =>
        _hub.InvokeAsync<IReadOnlyList<StorageVolumeSummary>>(nameof(IAgentHub.GetStorageVolumes), pool);

    private Task<IReadOnlyList<VirtualNetworkSummary>> Networks() => _hub.InvokeAsync<IReadOnlyList<VirtualNetworkSummary>>(nameof(IAgentHub.GetNetworks));

    private void DefineGuestWithDisk(string path)
    {
        var xml = new XElement("domain", new XAttribute("type", "qemu"),
            new XElement("name", _guest),
            new XElement("memory", new XAttribute("unit", "MiB"), 64),
            new XElement("os", new XElement("type", new XAttribute("arch", "x86_64"), "hvm")),
            new XElement("devices",
                new XElement("disk", new XAttribute("type", "file"), new XAttribute("device", "disk"),
                    new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", "raw")),
                    new XElement("source", new XAttribute("file", path)),
                    new XElement("target", new XAttribute("dev", "vda"), new XAttribute("bus", "virtio")))));
        using var connection = LibvirtConnection.Open(Uri);
        using var domain = connection.DefineDomainXml(xml.ToString());
    }

    private void UndefineGuest()
    {
        using var connection = LibvirtConnection.Open(Uri);
        using var domain = connection.LookupDomainByName(_guest);
        domain.Undefine();
    }

    /// <summary>Two 10.254.N.0/24 subnets no host address and no libvirt network uses.</summary>
    private static (int, int) FreeSubnets()
    {
        var used = HostNetworkInterfaces.List().SelectMany(i => i.Addresses).Select(a => a.Address).ToList();
        using var connection = LibvirtConnection.Open(Uri);
        used.AddRange(connection.ListAllNetworks().Select(n => { using (n) { return n.GetXmlDesc(); } }));
        var free = Enumerable.Range(2, 249).OrderBy(_ => Random.Shared.Next())
            .Where(octet => !used.Any(text => text.Contains($"10.254.{octet}.", StringComparison.Ordinal)))
            .Take(2).ToArray();
        return (free[0], free[1]);
    }
}
