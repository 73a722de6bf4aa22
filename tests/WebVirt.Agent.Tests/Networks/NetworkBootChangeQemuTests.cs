using System.Xml.Linq;
using Microsoft.AspNetCore.SignalR.Client;
using WebVirt.Contracts;
using WebVirt.Libvirt;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests.Networks;

/// <summary>
/// Network boot set on an existing isolated network through the agent's hub on the real
/// qemu:///system: checked like a new network's, written into the persistent definition, pending on
/// the running network until it starts again, and removed again.
/// </summary>
[Trait("Category", "Qemu")]
[Collection(HostNetworksCollection.Name)]
public sealed class NetworkBootChangeQemuTests : IAsyncLifetime
{
    private const string Uri = "qemu:///system";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly string _network = TestRun.GuestName("net-boot-" + Guid.NewGuid().ToString("N")[..6]);
    private readonly string _tftp = TestGuestImages.CreateRunDirectory();
    private TestDatabase _database = null!;
    private AgentFactory _agent = null!;
    private HubConnection _hub = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("agent_net_boot");
        _agent = new AgentFactory(Uri, _database.ConnectionString);
        _hub = _agent.CreateHubConnection(AgentFactory.Token);
        await _hub.StartAsync();
        await _hub.WaitUntilConnectedAsync(Wait);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _agent.DisposeAsync();
        await _database.DisposeAsync();
        using (var connection = LibvirtConnection.Open(Uri))
        {
            try
            {
                using var network = connection.LookupNetworkByName(_network);
                if (network.IsActive())
                {
                    network.Destroy();
                }

                network.Undefine();
            }
            catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoNetwork)
            {
            }
        }

        Directory.Delete(_tftp, recursive: true);
    }

    [Fact]
    public async Task Boot_is_checked_defined_pending_until_the_next_start_and_removed_again()
    {
        int octet = FreeOctet();
        var made = await Invoke(nameof(IAgentHub.CreateNetwork), new VirtualNetworkCreateRequest(_network, VirtualNetworkMode.Isolated, Ipv4Cidr: $"10.254.{octet}.0/24",
            Ipv4DhcpStart: $"10.254.{octet}.100", Ipv4DhcpEnd: $"10.254.{octet}.199", Autostart: false));
        Assert.True(made.Ok, made.ToString());
        await File.WriteAllTextAsync(Path.Combine(_tftp, "boot.ipxe"), "#!ipxe\n");
        File.SetUnixFileMode(Path.Combine(_tftp, "boot.ipxe"), (UnixFileMode)Convert.ToInt32("644", 8));

        // The rules of a new network's boot server: a relative folder and a boot file leaving it are both named; nothing changes.
        var refused = await Invoke(nameof(IAgentHub.SetNetworkBoot), _network, new NetworkBootSettings("srv/tftp", "../boot.ipxe", "10.0.0.300"));
        Assert.Equal(ErrorCodes.InputInvalid, refused.ErrorCode);
        Assert.Equal(["Boot.BootFile", "Boot.NextServer", "Boot.TftpRoot"], refused.Problems!.Select(p => p.Field).Order(StringComparer.Ordinal));
        var missing = await Invoke(nameof(IAgentHub.SetNetworkBoot), _network, new NetworkBootSettings(_tftp, "missing.efi"));
        Assert.Contains(missing.Problems!, p => p.Field == "Boot.BootFile");
        Assert.Null((await Summary()).Boot);

        var set = await Invoke(nameof(IAgentHub.SetNetworkBoot), _network, new NetworkBootSettings(_tftp, "boot.ipxe"));

        Assert.True(set.Ok, set.ToString());
        var pending = await Summary();
        Assert.Equal(new NetworkBootSettings(_tftp, "boot.ipxe"), pending.Boot);
        Assert.True(pending.Active);
        Assert.True(pending.BootPending);
        var defined = Ipv4(inactive: true);
        Assert.Equal(_tftp, (string?)defined.Element("tftp")?.Attribute("root"));
        Assert.Equal("boot.ipxe", (string?)defined.Element("dhcp")?.Element("bootp")?.Attribute("file"));
        Assert.Null(Ipv4(inactive: false).Element("tftp"));

        // At its next start the network serves what its definition says.
        Assert.True((await Invoke(nameof(IAgentHub.ActOnNetwork), _network, VirtualNetworkAction.Stop)).Ok);
        Assert.False((await Summary()).BootPending);
        Assert.True((await Invoke(nameof(IAgentHub.ActOnNetwork), _network, VirtualNetworkAction.Start)).Ok);
        var started = await Summary();
        Assert.False(started.BootPending);
        Assert.Equal(_tftp, (string?)Ipv4(inactive: false).Element("tftp")?.Attribute("root"));

        var off = await Invoke(nameof(IAgentHub.SetNetworkBoot), _network, new NetworkBootSettings(null, null));

        Assert.True(off.Ok, off.ToString());
        var removed = await Summary();
        Assert.Null(removed.Boot);
        Assert.True(removed.BootPending);
        Assert.Null(Ipv4(inactive: true).Element("tftp"));
        Assert.Null(Ipv4(inactive: true).Element("dhcp")!.Element("bootp"));
        Assert.NotNull(Ipv4(inactive: true).Element("dhcp")!.Element("range"));
    }

    private Task<ActionResult> Invoke(string method, params object?[] args) => _hub.InvokeCoreAsync<ActionResult>(method, args);

    private async Task<VirtualNetworkSummary> Summary() =>
        (await _hub.InvokeAsync<IReadOnlyList<VirtualNetworkSummary>>(nameof(IAgentHub.GetNetworks))).Single(n => n.Name == _network);

    private XElement Ipv4(bool inactive)
    {
        using var connection = LibvirtConnection.Open(Uri);
        using var network = connection.LookupNetworkByName(_network);
        return XDocument.Parse(network.GetXmlDesc(inactive)).Root!.Element("ip")!;
    }

    private static int FreeOctet()
    {
        var used = HostNetworkInterfaces.List().SelectMany(i => i.Addresses).Select(a => a.Address).ToList();
        using var connection = LibvirtConnection.Open(Uri);
        used.AddRange(connection.ListAllNetworks().Select(n => { using (n) { return n.GetXmlDesc(); } }));
        return Enumerable.Range(2, 249).OrderBy(_ => Random.Shared.Next())
            .First(octet => !used.Any(text => text.Contains($"10.254.{octet}.", StringComparison.Ordinal)));
    }
}
