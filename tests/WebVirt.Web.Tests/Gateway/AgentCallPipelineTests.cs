using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Formatting;
using WebVirt.Web.Data;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.Infrastructure;
using static WebVirt.Web.Tests.Infrastructure.GuestSamples;

namespace WebVirt.Web.Tests.Gateway;

/// <summary>The one pipeline every gateway call goes through: the agent's answer, the timeout, the error mapping and the audit record.</summary>
public sealed class AgentCallPipelineTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task An_action_reaches_the_right_agent_its_failure_comes_back_and_is_audited_with_the_guest()
    {
        var guest = Guest("pipe-alpha", GuestState.ShutOff, GatewayHarness.HostId);
        await using var harness = await GatewayHarness.StartAsync(app, [guest]);
        var lifecycle = new GuestLifecycleGateway(harness.PipelineFor(GatewayHarness.User("pipe-otto", Roles.Operator)));
        harness.Agent.State.NextResult = ActionResult.Fail("VIR_ERR_OPERATION_INVALID", "domain is already running");

        var result = await lifecycle.ActAsync(guest, GuestAction.Start);
        var unknown = await lifecycle.ActAsync(guest with { HostId = "nope" }, GuestAction.Start);

        Assert.Equal("VIR_ERR_OPERATION_INVALID", result.ErrorCode);
        Assert.Equal((guest.Uuid, GuestAction.Start), Assert.Single(harness.Agent.State.Acts));
        Assert.Equal(ErrorCodes.UnknownHost, unknown.ErrorCode);
        var entries = await EntriesAsync("pipe-otto");
        Assert.All(entries, entry => Assert.Equal(("start", AuditEntry.ResultError, guest.Uuid, "pipe-alpha"),
            (entry.Action, entry.Result, entry.TargetGuestUuid, entry.TargetGuestName)));
        Assert.Contains(entries, entry => entry.Detail!.Contains("VIR_ERR_OPERATION_INVALID", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hanging_agent_times_out_instead_of_holding_the_caller()
    {
        var guest = Guest("pipe-hang", GuestState.Running, GatewayHarness.HostId);
        await using var harness = await GatewayHarness.StartAsync(app, [guest], actionTimeoutSeconds: 1);
        harness.Agent.State.ActDelay = TimeSpan.FromMinutes(5);
        var lifecycle = new GuestLifecycleGateway(harness.PipelineFor(GatewayHarness.User("pipe-hanna", Roles.Operator)));

        var result = await lifecycle.ActAsync(guest, GuestAction.Shutdown).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(ErrorCodes.Timeout, result.ErrorCode);
        Assert.Equal("Hint.Timeout", result.HintKey);
    }

    [Fact]
    public async Task An_error_raised_on_the_agent_comes_back_as_a_failed_result_with_its_message()
    {
        var guest = Guest("pipe-throw", GuestState.Running, GatewayHarness.HostId);
        await using var harness = await GatewayHarness.StartAsync(app, [guest]);
        harness.Agent.State.ActThrows = "the agent could not reach libvirt";
        var lifecycle = new GuestLifecycleGateway(harness.PipelineFor(GatewayHarness.User("pipe-theo", Roles.Operator)));

        var result = await lifecycle.ActAsync(guest, GuestAction.Reboot);

        Assert.Equal(ErrorCodes.BadAnswer, result.ErrorCode);
        // An error without the agent's failure marker is a broken answer: its raw text never reaches the user.
        Assert.DoesNotContain("could not reach libvirt", AgentTexts.Describe(result), StringComparison.Ordinal);
        var entry = Assert.Single(await EntriesAsync("pipe-theo"));
        Assert.Equal(("reboot", AuditEntry.ResultError), (entry.Action, entry.Result));
    }

    [Fact]
    public async Task An_agent_that_dies_under_a_call_reads_unavailable_and_the_caller_gets_no_exception()
    {
        var guest = Guest("pipe-cut", GuestState.Running, GatewayHarness.HostId);
        await using var harness = await GatewayHarness.StartAsync(app, [guest]);
        harness.Agent.State.ActCutsOff = true;
        var lifecycle = new GuestLifecycleGateway(harness.PipelineFor(GatewayHarness.User("pipe-kim", Roles.Operator)));

        var result = await lifecycle.ActAsync(guest, GuestAction.Reboot).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ErrorCodes.AgentUnavailable, result.ErrorCode);
        Assert.Equal((guest.Uuid, GuestAction.Reboot), Assert.Single(harness.Agent.State.Acts));
        var entry = Assert.Single(await EntriesAsync("pipe-kim"));
        Assert.Equal(("reboot", AuditEntry.ResultError), (entry.Action, entry.Result));
    }

    [Fact]
    public async Task Switching_emulation_refreshes_the_host_everyone_sees()
    {
        await using var harness = await GatewayHarness.StartAsync(app, []);
        var hosts = new HostGateway(harness.PipelineFor(GatewayHarness.User("pipe-ada", Roles.Administrator)), harness.Connections);

        var result = await hosts.SetUseEmulationAsync(GatewayHarness.HostId, true);

        Assert.True(result.Ok);
        Assert.True(harness.Connections.Hosts[0].Info!.UseEmulation);
        var entry = Assert.Single(await EntriesAsync("pipe-ada"));
        Assert.Equal((HostGateway.SetUseEmulationAction, AuditEntry.ResultOk, "on"), (entry.Action, entry.Result, entry.Detail));
    }

    [Fact]
    public async Task A_read_raises_one_typed_exception_for_a_refusal_an_unknown_host_and_an_away_agent()
    {
        await using var harness = await GatewayHarness.StartAsync(app, []);
        harness.Agent.State.Resources.Pools = [new StoragePoolSummary(GatewayHarness.HostId, "images", "u-1", "dir", true, true, true, 100, 40, 60, "/srv/images")];
        var asViewer = new StorageGateway(harness.PipelineFor(GatewayHarness.User("pipe-vera", Roles.Viewer)));
        var asNobody = new StorageGateway(harness.PipelineFor(GatewayHarness.Anonymous));

        var pools = await asViewer.GetPoolsAsync(GatewayHarness.HostId);
        var refused = await Assert.ThrowsAsync<AgentCallException>(() => asNobody.GetPoolsAsync(GatewayHarness.HostId));
        var unknown = await Assert.ThrowsAsync<AgentCallException>(() => asViewer.GetPoolsAsync("nope"));
        await harness.Agent.DisposeAsync();
        await WaitAsync(() => harness.Connections.Hosts[0].Link != AgentLinkState.Connected);
        var away = await Assert.ThrowsAsync<AgentCallException>(() => asViewer.GetPoolsAsync(GatewayHarness.HostId));

        Assert.Equal(harness.Agent.State.Resources.Pools, pools);
        Assert.Equal((ErrorCodes.Forbidden, "Hint.Forbidden"), (refused.ErrorCode, refused.Failure.HintKey));
        Assert.Equal(ErrorCodes.UnknownHost, unknown.ErrorCode);
        Assert.Equal((ErrorCodes.AgentUnavailable, "Hint.AgentUnavailable"), (away.ErrorCode, away.Failure.HintKey));
        Assert.Empty(await EntriesAsync("pipe-vera"));
    }

    [Fact]
    public async Task Every_role_that_sees_the_inventory_gets_the_thumbnail_of_a_running_guest_and_others_nothing()
    {
        var running = Guest("pipe-shot", GuestState.Running, GatewayHarness.HostId);
        var stopped = Guest("pipe-dark", GuestState.ShutOff, GatewayHarness.HostId);
        await using var harness = await GatewayHarness.StartAsync(app, [running, stopped]);
        ScreenshotGateway As(System.Security.Claims.ClaimsPrincipal user) => new(harness.PipelineFor(user));

        foreach (var role in new[] { Roles.Viewer, Roles.Operator, Roles.Administrator })
        {
            Assert.Equal(FakeAgentHub.ScreenshotPng, await As(GatewayHarness.User("pipe-" + role, role)).GetThumbnailPngAsync(GatewayHarness.HostId, running.Uuid));
        }

        var viewer = As(GatewayHarness.User("pipe-viewer", Roles.Viewer));
        var refused = await Assert.ThrowsAsync<AgentCallException>(() => As(GatewayHarness.Anonymous).GetThumbnailPngAsync(GatewayHarness.HostId, running.Uuid));
        Assert.Equal(ErrorCodes.Forbidden, refused.ErrorCode);
        Assert.Null(await viewer.GetThumbnailPngAsync(GatewayHarness.HostId, stopped.Uuid));
        Assert.Null(await viewer.GetThumbnailPngAsync("unknown-host", running.Uuid));
    }

    private static Task WaitAsync(Func<bool> condition) => Eventually.TrueAsync(condition, TimeSpan.FromSeconds(20));

    private async Task<List<AuditEntry>> EntriesAsync(string user)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
        return await db.AuditEntries.AsNoTracking().Where(entry => entry.UserName == user).ToListAsync();
    }
}
