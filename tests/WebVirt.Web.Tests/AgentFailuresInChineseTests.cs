using System.Globalization;
using System.Xml.Linq;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebVirt.Contracts;
using WebVirt.Testing;
using WebVirt.Web.Agents;
using WebVirt.Web.Configuration;
using WebVirt.Web.Formatting;

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

    public async Task InitializeAsync()
    {
        // The agent process opens its own test:///default, so what this test makes there dies with it.
        _stack = await WebVirtStack.StartAsync("test:///default", "web_failures_zh", startWeb: false);
        _connections = new AgentConnections(Options.Create(new WebVirtOptions
        {
            Agents = [new AgentOptions { HostId = HostId, Name = HostId, Url = _stack.AgentUrl, Token = _stack.AgentToken }],
        }), NullLogger<AgentConnections>.Instance);
        await _connections.StartAsync(CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (_connections.Hosts[0].Link != AgentLinkState.Connected)
        {
            await Task.Delay(50, timeout.Token);
        }
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

        var result = await _connections.InvokeAsync(HostId, nameof(IAgentHub.DeleteStorageVolume), ["default-pool", "missing.img"], timeout.Token);

        Assert.Equal("VIR_ERR_NO_STORAGE_VOL", result.ErrorCode);
        string text = AgentTexts.Describe(result, Chinese);
        Assert.StartsWith("libvirt 拒绝了操作（VIR_ERR_NO_STORAGE_VOL）：", text, StringComparison.Ordinal);
        Assert.Contains("missing.img", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_libvirt_error_in_a_read_reaches_the_console_as_its_code_and_reads_in_chinese()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        CultureInfo.CurrentUICulture = Chinese;
        var error = await Assert.ThrowsAsync<AgentQueryException>(() =>
            _connections.QueryAsync<IReadOnlyList<StorageVolumeSummary>>(HostId, nameof(IAgentHub.GetStorageVolumes), ["no-such-pool"], timeout.Token));

        Assert.Equal("VIR_ERR_NO_STORAGE_POOL", error.Result.ErrorCode);
        // Pages show a failed read's message: it is the failure in the user's language.
        Assert.StartsWith("libvirt 拒绝了操作（VIR_ERR_NO_STORAGE_POOL）：", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_volume_a_guest_uses_is_refused_naming_the_guest_in_chinese()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var created = await _connections.InvokeAsync(HostId, nameof(IAgentHub.CreateStorageVolume),
            [new StorageVolumeCreateRequest("default-pool", "used.img", "raw", 1024 * 1024)], timeout.Token);
        Assert.True(created.Ok, created.ToString());
        var volume = Assert.Single(
            await _connections.QueryAsync<IReadOnlyList<StorageVolumeSummary>>(HostId, nameof(IAgentHub.GetStorageVolumes), ["default-pool"], timeout.Token),
            v => v.Name == "used.img");
        var guest = await TestGuestAsync(timeout.Token);
        var xml = await _connections.QueryAsync<GuestXml?>(HostId, nameof(IAgentHub.GetGuestXml), [guest.Uuid], timeout.Token);
        var definition = XDocument.Parse(xml!.Persistent);
        definition.Root!.Element("devices")!.Add(new XElement("disk", new XAttribute("type", "file"), new XAttribute("device", "disk"),
            new XElement("source", new XAttribute("file", volume.Path)),
            new XElement("target", new XAttribute("dev", "vdb"), new XAttribute("bus", "virtio"))));
        var saved = await _connections.InvokeAsync(HostId, nameof(IAgentHub.SaveGuestXml), [guest.Uuid, definition.ToString()], timeout.Token);
        Assert.True(saved.Ok, saved.ToString());

        var refused = await _connections.InvokeAsync(HostId, nameof(IAgentHub.DeleteStorageVolume), ["default-pool", "used.img"], timeout.Token);

        Assert.Equal(ErrorCodes.InUse, refused.ErrorCode);
        Assert.Equal("卷“used.img”正被 test 使用，无法删除；未做任何更改。", AgentTexts.Describe(refused, Chinese));
    }

    /// <summary>The test driver's own guest, once the agent's first inventory has it.</summary>
    private async Task<GuestInfo> TestGuestAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var guests = await _connections.QueryAsync<IReadOnlyList<GuestInfo>>(HostId, nameof(IAgentHub.GetGuests), [], cancellationToken);
            if (guests.FirstOrDefault(g => g.Name == "test") is { } guest)
            {
                return guest;
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
