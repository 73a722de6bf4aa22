using System.Globalization;
using System.Xml.Linq;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebVirt.Contracts;
using WebVirt.Testing;
using WebVirt.Web.Agents;
using WebVirt.Web.Configuration;
using WebVirt.Web.Formatting;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests;

/// <summary>
/// The real agent (its build output, on libvirt's test driver, its own process) and the console's
/// agent connection: a libvirt error thrown inside a hub method, in a command and in a read, and a
/// volume that a guest uses, reach the console as codes and arguments and read in Chinese.
/// </summary>
public sealed class AgentFailuresInChineseTests : IAsyncLifetime
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");
    private WebVirtStack _stack = null!;
    private AgentConnections _connections = null!;

    private string HostId => _stack.HostId;

    /// <summary>The typed hub of the connected agent: the same proxy the gateway calls through.</summary>
    private IAgentHub Hub(CancellationToken cancellationToken) =>
        _connections.ConnectedHub(HostId, cancellationToken) ?? throw new InvalidOperationException("The agent is not connected.");

    public async Task InitializeAsync()
    {
        // The agent process opens its own test:///default, so what this test makes there dies with it.
        _stack = await WebVirtStack.StartAsync("test:///default", "web_failures_zh", startWeb: false);
        _connections = new AgentConnections(Options.Create(new WebVirtOptions
        {
            Agents = [new AgentOptions { HostId = HostId, Name = HostId, Url = _stack.AgentUrl, Token = _stack.AgentToken }],
        }), NullLogger<AgentConnections>.Instance);
        await _connections.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => _connections.Hosts[0].Link == AgentLinkState.Connected, TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await _connections.DisposeAsync();
        await _stack.DisposeAsync();
    }

    [Fact]
    public async Task A_libvirt_error_in_a_command_reads_in_chinese_with_libvirts_message()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var result = await Hub(timeout.Token).DeleteStorageVolume("default-pool", "missing.img");

        Assert.Equal("VIR_ERR_NO_STORAGE_VOL", result.ErrorCode);
        string text = AgentTexts.DescribeIn(result, Chinese);
        Assert.StartsWith("libvirt 拒绝了操作（VIR_ERR_NO_STORAGE_VOL）：", text, StringComparison.Ordinal);
        Assert.Contains("missing.img", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_libvirt_error_in_a_read_reaches_the_console_as_its_code_and_reads_in_chinese()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<HubException>(() =>
            Hub(timeout.Token).GetStorageVolumes("no-such-pool"));

        var failed = FailureException.TryRead(error.Message);
        Assert.Equal("VIR_ERR_NO_STORAGE_POOL", failed?.ErrorCode);
        Assert.StartsWith("libvirt 拒绝了操作（VIR_ERR_NO_STORAGE_POOL）：", AgentTexts.DescribeIn(failed!, Chinese), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_volume_a_guest_uses_is_refused_naming_the_guest_in_chinese()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var created = await Hub(timeout.Token).CreateStorageVolume(
            new StorageVolumeCreateRequest("default-pool", "used.img", "raw", 1024 * 1024));
        Assert.True(created.Ok, created.ToString());
        var volume = Assert.Single(
            await Hub(timeout.Token).GetStorageVolumes("default-pool"),
            v => v.Name == "used.img");
        var guest = Assert.Single(await Hub(timeout.Token).GetGuests(), g => g.Name == "test");
        var xml = await Hub(timeout.Token).GetGuestXml(guest.Uuid);
        var definition = XDocument.Parse(xml!.Persistent);
        definition.Root!.Element("devices")!.Add(new XElement("disk", new XAttribute("type", "file"), new XAttribute("device", "disk"),
            new XElement("source", new XAttribute("file", volume.Path)),
            new XElement("target", new XAttribute("dev", "vdb"), new XAttribute("bus", "virtio"))));
        var saved = await Hub(timeout.Token).SaveGuestXml(guest.Uuid, definition.ToString());
        Assert.True(saved.Ok, saved.ToString());

        var refused = await Hub(timeout.Token).DeleteStorageVolume("default-pool", "used.img");

        Assert.Equal(ErrorCodes.InUse, refused.ErrorCode);
        Assert.Equal("卷“used.img”正被 test 使用，无法删除；未做任何更改。", AgentTexts.DescribeIn(refused, Chinese));
    }
}
