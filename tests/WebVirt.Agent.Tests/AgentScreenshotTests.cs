using Microsoft.AspNetCore.SignalR.Client;
using WebVirt.Agent.Screenshots;
using WebVirt.Contracts;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests;

/// <summary>
/// The screenshot hub method on libvirt's test driver, which answers with a PNG of its own (so this
/// covers the pass-through; QEMU's PPM is covered by the encoder tests and the console E2E test).
/// </summary>
public sealed class AgentScreenshotTests : IAsyncLifetime
{
    private readonly string _stopped = TestRun.GuestName("shot-off");
    private AgentFactory _agent = null!;
    private HubConnection _hub = null!;
    private string _stoppedUuid = "";

    public async Task InitializeAsync()
    {
        _agent = new AgentFactory("test:///default");
        _hub = _agent.CreateHubConnection(AgentFactory.Token);
        await _hub.StartAsync();
        await _hub.WaitUntilConnectedAsync(TimeSpan.FromSeconds(15));

        // test:///default is shared by every connection of this process, the agent's included.
        using var connection = LibvirtConnection.Open("test:///default");
        using var domain = connection.DefineDomainXml($"<domain type='test'><name>{_stopped}</name><memory unit='MiB'>64</memory><os><type>hvm</type></os></domain>");
        _stoppedUuid = domain.Uuid;
    }

    public async Task DisposeAsync()
    {
        try
        {
            using var connection = LibvirtConnection.Open("test:///default");
            using var domain = connection.LookupDomainByUuid(_stoppedUuid);
            domain.Undefine();
        }
        finally
        {
            await _hub.DisposeAsync();
            await _agent.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_running_guest_gives_a_png()
    {
        var running = await _hub.WaitForGuestAsync("test", TimeSpan.FromSeconds(20));
        var shot = await _hub.InvokeAsync<GuestScreenshot>(nameof(IAgentHub.GetScreenshot), running.Uuid);
        Assert.True(shot.Result.Ok, shot.Result.ToString());
        Assert.NotNull(shot.Png);
        Assert.True(shot.Png.AsSpan().StartsWith(ScreenshotConverter.PngSignature));
    }

    [Fact]
    public async Task A_stopped_guest_is_refused_with_a_reason()
    {
        var shot = await _hub.InvokeAsync<GuestScreenshot>(nameof(IAgentHub.GetScreenshot), _stoppedUuid);
        Assert.False(shot.Result.Ok);
        // The reason as a code the console words in the user's language.
        Assert.Equal(ErrorCodes.GuestHasNoScreen, shot.Result.ErrorCode);
        Assert.Null(shot.Png);
    }

    [Fact]
    public async Task An_unknown_guest_is_refused()
    {
        var shot = await _hub.InvokeAsync<GuestScreenshot>(nameof(IAgentHub.GetScreenshot), Guid.NewGuid().ToString());
        Assert.False(shot.Result.Ok);
        Assert.Equal("VIR_ERR_NO_DOMAIN", shot.Result.ErrorCode);
    }
}
