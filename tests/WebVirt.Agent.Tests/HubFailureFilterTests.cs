using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging.Abstractions;
using WebVirt.Agent.Hubs;
using WebVirt.Contracts;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests;

/// <summary>
/// Exceptions escaping hub methods, mapped once by the agent's failure filter: on libvirt's test
/// driver, libvirt's errors arrive as their VIR_ERR_* code with libvirt's message as the argument,
/// in the method's own result type or, for a read, in the hub error; an unexpected exception
/// arrives only as the internal-error code, its text kept for the log.
/// </summary>
public sealed class HubFailureFilterTests : IAsyncLifetime
{
    private AgentFactory _agent = null!;
    private HubConnection _hub = null!;

    public async Task InitializeAsync()
    {
        _agent = new AgentFactory("test:///default");
        _hub = _agent.CreateHubConnection(AgentFactory.Token);
        await _hub.StartAsync();
        await _hub.WaitUntilConnectedAsync(TimeSpan.FromSeconds(15));
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task A_libvirt_error_in_a_command_comes_back_as_its_code_with_libvirts_message()
    {
        var result = await _hub.InvokeAsync<ActionResult>(nameof(IAgentHub.DeleteStorageVolume), "default-pool", TestRun.Prefix + "missing.img");

        Assert.False(result.Ok);
        Assert.Equal("VIR_ERR_NO_STORAGE_VOL", result.ErrorCode);
        Assert.Contains(TestRun.Prefix + "missing.img", Assert.Single(result.Error!.Args), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_libvirt_error_in_a_guest_edit_carries_its_hint()
    {
        var result = await _hub.InvokeAsync<ActionResult>(nameof(IAgentHub.RemoveGuestDisk), Guid.NewGuid().ToString(), "vda", false);

        Assert.Equal("VIR_ERR_NO_DOMAIN", result.ErrorCode);
        Assert.Equal(HintKeys.NoDomain, result.HintKey);
    }

    [Fact]
    public async Task A_failed_read_carries_its_failure_in_the_hub_error()
    {
        var pool = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() =>
            _hub.InvokeAsync<IReadOnlyList<StorageVolumeSummary>>(nameof(IAgentHub.GetStorageVolumes), TestRun.Prefix + "no-pool"));

        Assert.Equal("VIR_ERR_NO_STORAGE_POOL", FailureException.TryRead(pool.Message)?.ErrorCode);
    }

    [Fact]
    public async Task An_unexpected_exception_becomes_the_internal_code_and_its_text_stays_in_the_log()
    {
        var filter = new HubFailureFilter(NullLogger<HubFailureFilter>.Instance);
        const string Secret = "connection string Password=hunter2";

        var command = await filter.InvokeMethodAsync(Context(nameof(SampleHub.Command)), _ => throw new InvalidOperationException(Secret));
        var read = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(async () =>
            await filter.InvokeMethodAsync(Context(nameof(SampleHub.Read)), _ => throw new InvalidOperationException(Secret)));
        var cancelled = await filter.InvokeMethodAsync(Context(nameof(SampleHub.Command)), _ => throw new OperationCanceledException());

        var failed = Assert.IsType<ActionResult>(command);
        Assert.Equal(Failure.Of(ErrorCodes.Internal, nameof(SampleHub.Command)).ToString(), failed.Error?.ToString());
        Assert.DoesNotContain("hunter2", read.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.Internal, FailureException.TryRead(read.Message)?.ErrorCode);
        Assert.Equal(ErrorCodes.Cancelled, Assert.IsType<ActionResult>(cancelled).ErrorCode);
    }

    private static HubInvocationContext Context(string method) =>
        new(new SampleCaller(), new ServiceCollectionStub(), new SampleHub(), typeof(SampleHub).GetMethod(method)!, []);

    /// <summary>A hub with one command and one read, for the filter's answer types.</summary>
    private sealed class SampleHub : Hub
    {
        public Task<ActionResult> Command() => Task.FromResult(ActionResult.Success);

        public Task<int> Read() => Task.FromResult(0);
    }

    private sealed class SampleCaller : HubCallerContext
    {
        public override string ConnectionId => "test";

        public override string? UserIdentifier => null;

        public override ClaimsPrincipal? User => null;

        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();

        public override IFeatureCollection Features { get; } = new FeatureCollection();

        public override CancellationToken ConnectionAborted => CancellationToken.None;

        public override void Abort()
        {
        }
    }

    private sealed class ServiceCollectionStub : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
