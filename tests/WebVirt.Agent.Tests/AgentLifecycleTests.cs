using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Contracts;
using WebVirt.Agent.LocalState;

namespace WebVirt.Agent.Tests;

/// <summary>Lifecycle actions and pushes on libvirt's test driver, whose state this process shares.</summary>
public sealed class AgentLifecycleTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private AgentFactory _agent = null!;
    private HubConnection _hub = null!;
    private PushRecorder _pushes = null!;
    private GuestInfo _test = null!;

    public async Task InitializeAsync()
    {
        _agent = new AgentFactory("test:///default");
        _hub = _agent.CreateHubConnection(AgentFactory.Token);
        _pushes = new PushRecorder(_hub);
        await _hub.StartAsync();
        await _hub.WaitUntilConnectedAsync(Wait);
        _test = await _hub.WaitForGuestAsync("test", Wait);
    }

    public async Task DisposeAsync()
    {
        using (var connection = LibvirtConnection.Open("test:///default"))
        using (var domain = connection.LookupDomainByName("test"))
        {
            if (domain.GetState().State == DomainState.Paused)
            {
                domain.Resume();
            }
        }

        await _hub.DisposeAsync();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task Pause_and_resume_are_pushed_with_their_events()
    {
        var paused = await _hub.ActAsync(_test.Uuid, GuestAction.Pause);
        Assert.True(paused.Ok, paused.ToString());
        await _pushes.WaitForGuestAsync(g => g.Uuid == _test.Uuid && g.State == GuestState.Paused, Wait);
        await _pushes.WaitForEventAsync(e => e.Uuid == _test.Uuid && e.Event == "suspended", Wait);

        var resumed = await _hub.ActAsync(_test.Uuid, GuestAction.Resume);
        Assert.True(resumed.Ok, resumed.ToString());
        await _pushes.WaitForGuestAsync(g => g.Uuid == _test.Uuid && g.State == GuestState.Running, Wait);
        // The consoles record the history from these pushes; the agent itself keeps none.
        await _pushes.WaitForEventAsync(e => e.Uuid == _test.Uuid && e.Event == "resumed", Wait);
    }

    [Fact]
    public async Task A_change_made_outside_the_agent_is_pushed()
    {
        using (var connection = LibvirtConnection.Open("test:///default"))
        using (var domain = connection.LookupDomainByUuid(_test.Uuid))
        {
            domain.Suspend();
        }

        var pushed = await _pushes.WaitForGuestAsync(g => g.Uuid == _test.Uuid && g.State == GuestState.Paused, Wait);
        Assert.Equal("test", pushed.Name);
    }

    [Fact]
    public async Task A_suspend_event_pushes_the_paused_state_it_carries_before_anything_else_about_it()
    {
        // Pushes on one connection arrive in the order they were sent: a state read back from libvirt
        // after the event would come after the event's own push, the state taken from the event before it.
        var order = new ConcurrentQueue<string>();
        using var onGuest = _hub.On<GuestInfo>(nameof(IAgentClient.GuestChanged), g =>
        {
            if (g.Uuid == _test.Uuid)
            {
                order.Enqueue($"guest {g.State} {g.StateReason}");
            }
        });
        using var onEvent = _hub.On<GuestEvent>(nameof(IAgentClient.GuestEventOccurred), e =>
        {
            if (e.Uuid == _test.Uuid)
            {
                order.Enqueue("event " + e.Event);
            }
        });

        using (var connection = LibvirtConnection.Open("test:///default"))
        using (var domain = connection.LookupDomainByUuid(_test.Uuid))
        {
            domain.Suspend();
        }

        var deadline = DateTime.UtcNow + Wait;
        while (!order.Contains("event suspended") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var seen = order.ToList();
        var eventAt = seen.IndexOf("event suspended");
        Assert.True(eventAt >= 0, string.Join(", ", seen));
        Assert.Contains("guest Paused user", seen.Take(eventAt));
    }

    [Fact]
    public async Task Autostart_is_switched_and_pushed()
    {
        Assert.True((await _hub.ActAsync(_test.Uuid, GuestAction.AutostartOn)).Ok);
        await _pushes.WaitForGuestAsync(g => g.Uuid == _test.Uuid && g.Autostart, Wait);
        Assert.True((await _hub.ActAsync(_test.Uuid, GuestAction.AutostartOff)).Ok);
        await _pushes.WaitForGuestAsync(g => g.Uuid == _test.Uuid && !g.Autostart, Wait);
    }

    [Fact]
    public async Task An_action_invalid_in_the_current_state_says_so_and_changes_nothing()
    {
        var result = await _hub.ActAsync(_test.Uuid, GuestAction.Start);

        // The test driver reports this as an internal error, QEMU as an invalid operation.
        Assert.False(result.Ok);
        Assert.StartsWith("VIR_ERR_", result.ErrorCode, StringComparison.Ordinal);
        Assert.Contains("already", result.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(GuestState.Running, (await _hub.GetGuestsAsync()).Single(g => g.Uuid == _test.Uuid).State);
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("<domain/>")]
    [InlineData("")]
    public async Task A_malformed_uuid_is_refused(string uuid)
    {
        var result = await _hub.ActAsync(uuid, GuestAction.ForceOff);
        Assert.False(result.Ok);
        Assert.Equal(ErrorCodes.GuestUuidInvalid, result.ErrorCode);
    }

    [Fact]
    public async Task An_unknown_guest_is_reported_as_gone()
    {
        var result = await _hub.ActAsync(Guid.NewGuid().ToString(), GuestAction.Start);
        Assert.False(result.Ok);
        Assert.Equal("VIR_ERR_NO_DOMAIN", result.ErrorCode);
        Assert.Equal(HintKeys.NoDomain, result.HintKey);
    }

    [Fact]
    public async Task A_console_that_connects_while_the_agent_starts_is_given_the_first_inventory_not_an_empty_one()
    {
        // Asked at once, before any push: a console reconnecting to a restarted agent must not be
        // told the host has no guests while they are merely not read yet.
        await using var agent = new AgentFactory("test:///default");
        await using var hub = agent.CreateHubConnection(AgentFactory.Token);
        await hub.StartAsync();
        var guests = await hub.GetGuestsAsync();
        var host = await hub.InvokeAsync<HostInfo>(nameof(IAgentHub.GetHost));
        Assert.Contains(guests, g => g.Name == "test");
        Assert.True(host.Connected);
    }

    [Fact]
    public async Task The_emulation_setting_is_stored_and_pushed()
    {
        var before = await _hub.InvokeAsync<HostInfo>(nameof(IAgentHub.GetHost));
        var result = await _hub.InvokeAsync<ActionResult>(nameof(IAgentHub.SetUseEmulation), !before.UseEmulation);
        Assert.True(result.Ok);
        await _pushes.WaitForHostAsync(h => h.UseEmulation != before.UseEmulation, Wait);

        // Kept in the agent's own state file (it has no database), readable by the agent alone.
        var store = _agent.Services.GetRequiredService<LocalStateStore>();
        Assert.Equal(!before.UseEmulation, await store.GetUseEmulationAsync(CancellationToken.None));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.FilePath));
    }
}
