using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Configuration;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests;

/// <summary>
/// Tasks across an agent restart: while the agent is away its running task is marked with since when;
/// the task the restarted agent closed (without a push this console could receive) is read again on
/// reconnect, so an open page shows it interrupted without a reload; the clean-up action reaches the agent.
/// </summary>
public sealed class AgentConnectionTasksTests
{
    private const string Token = "agent-token";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_task_the_restarted_agent_closed_is_read_again_on_reconnect_and_can_be_cleaned_up()
    {
        var state = new FakeAgentState(HostSamples.Host("h1"), [], Token);
        var running = new AgentTaskInfo("t1", "h1", "clone", "wvt-copy", null, AgentTaskState.Running, 40, 1024, [], "admin", DateTimeOffset.UtcNow, null, null, ["volume:pool1/wvt-copy.img"]);
        state.Provisioning.Tasks["t1"] = running;
        var agent = await FakeAgent.StartAsync(state);
        string url = agent.Url;
        await using var connections = new AgentConnections(Options.Create(new WebVirtOptions
        {
            Agents = [new AgentOptions { HostId = "h1", Name = "h1", Url = url, Token = Token }],
        }), NullLogger<AgentConnections>.Instance);
        await connections.StartAsync(CancellationToken.None);
        await Eventually(() => connections.Tasks.Any(t => t.TaskId == "t1"));
        Assert.Null(connections.AwaySince("h1"));

        await agent.DisposeAsync();
        await Eventually(() => connections.AwaySince("h1") is not null);
        Assert.Equal(AgentTaskState.Running, connections.Tasks.Single().State);

        // The agent, started again, closed the task before this console was connected: no push reaches it.
        state.Provisioning.Tasks["t1"] = running with
        {
            State = AgentTaskState.Interrupted,
            FinishedAt = DateTimeOffset.UtcNow,
            Error = TaskText.Of(ErrorCodes.TaskInterruptedCleaned, TaskArguments.Leftovers([]), TaskArguments.Leftovers(["volume:pool1/wvt-copy.img"])),
        };
        await using var restarted = await FakeAgent.StartAsync(state, url);
        await Eventually(() => connections.Tasks.Single().State == AgentTaskState.Interrupted);
        Assert.Null(connections.AwaySince("h1"));
        Assert.NotNull(connections.Tasks.Single().FinishedAt);

        var result = await connections.ConnectedHub("h1", CancellationToken.None)!.CleanUpTask("t1");
        Assert.True(result.Ok, result.ToString());
        await Eventually(() => connections.Tasks.Single().Leftovers is { Count: 0 });
        Assert.Equal(["volume:pool1/wvt-copy.img"], TaskArguments.TryLeftovers(connections.Tasks.Single().Error!.Args[0])!);
        Assert.Equal(ErrorCodes.TaskMissing, (await connections.ConnectedHub("h1", CancellationToken.None)!.CleanUpTask("nope")).ErrorCode);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(25, timeout.Token);
        }
    }
}
