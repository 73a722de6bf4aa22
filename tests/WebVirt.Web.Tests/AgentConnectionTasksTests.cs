using Microsoft.Extensions.Options;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Configuration;
using WebVirt.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WebVirt.Web.Tests;

/// <summary>
/// Tasks across an agent restart: while the agent is away its running task is marked with since when;
/// the task the restarted agent closed (without a push this console could receive) is read again on
/// reconnect, so an open page shows it interrupted without a reload; the clean-up action reaches the agent.
/// </summary>
public sealed class AgentConnectionTasksTests(ITestOutputHelper output)
{
    // Its own token, so the console never takes another test's agent that got the port of one stopped here.
    private readonly string _token = Guid.NewGuid().ToString("N");
    // Generous: the first test of a run on a loaded machine also pays for compiling Kestrel and SignalR.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_task_the_restarted_agent_closed_is_read_again_on_reconnect_and_can_be_cleaned_up()
    {
        var state = new FakeAgentState(HostSamples.Host("h1"), [], _token);
        var running = new AgentTaskInfo("t1", "h1", "clone", "wvt-copy", null, AgentTaskState.Running, 40, 1024, [], "admin", DateTimeOffset.UtcNow, null, null, ["volume:pool1/wvt-copy.img"]);
        state.Provisioning.Tasks["t1"] = running;
        var agent = await FakeAgent.StartAsync(state);
        string url = agent.Url;
        await using var connections = Connections(url);
        await connections.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => connections.Hosts.Single().Link == AgentLinkState.Connected, Patience);
        Assert.Equal("t1", connections.Tasks.Single().TaskId);
        Assert.Null(connections.AwaySince("h1"));

        await agent.DisposeAsync();
        await Eventually.TrueAsync(() => connections.AwaySince("h1") is not null, Patience);
        Assert.Equal(AgentTaskState.Running, connections.Tasks.Single().State);

        // The agent, started again, closed the task before this console was connected: no push reaches it.
        state.Provisioning.Tasks["t1"] = running with
        {
            State = AgentTaskState.Interrupted,
            FinishedAt = DateTimeOffset.UtcNow,
            Error = TaskText.Of(ErrorCodes.TaskInterruptedCleaned, TaskArguments.Leftovers([]), TaskArguments.Leftovers(["volume:pool1/wvt-copy.img"])),
        };
        await using var restarted = await FakeAgent.StartAsync(state, url);
        // The console reads the tasks again before it says the agent is back.
        await Eventually.TrueAsync(() => connections.Hosts.Single().Link == AgentLinkState.Connected, Patience);
        Assert.Equal(AgentTaskState.Interrupted, connections.Tasks.Single().State);
        Assert.Null(connections.AwaySince("h1"));
        Assert.NotNull(connections.Tasks.Single().FinishedAt);

        var result = await connections.ConnectedHub("h1", CancellationToken.None)!.CleanUpTask("t1");
        Assert.True(result.Ok, result.ToString());
        await Eventually.TrueAsync(() => connections.Tasks.Single().Leftovers is { Count: 0 }, Patience);
        Assert.Equal(["volume:pool1/wvt-copy.img"], TaskArguments.TryLeftovers(connections.Tasks.Single().Error!.Args[0])!);
        Assert.Equal(ErrorCodes.TaskMissing, (await connections.ConnectedHub("h1", CancellationToken.None)!.CleanUpTask("nope")).ErrorCode);
    }

    [Fact]
    public async Task Reading_the_tasks_of_an_agent_that_dies_under_the_read_keeps_what_was_pushed_and_throws_nothing()
    {
        var state = new FakeAgentState(HostSamples.Host("h1"), [], _token);
        state.Provisioning.Tasks["t1"] = new AgentTaskInfo("t1", "h1", "create", "wvt-new", null, AgentTaskState.Running, 10, 1024, [], "admin", DateTimeOffset.UtcNow, null, null, []);
        await using var agent = await FakeAgent.StartAsync(state);
        await using var connections = Connections(agent.Url);
        await connections.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => connections.Hosts.Single().Link == AgentLinkState.Connected, Patience);

        // What a page's tasks panel does as it opens; the agent is killed while it answers.
        state.Provisioning.TasksReadCutsOff = true;
        await connections.LoadTasksAsync(CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(AgentTaskState.Running, connections.Tasks.Single().State);
        await Eventually.TrueAsync(() => connections.Hosts.Single().Link == AgentLinkState.Connected, Patience);
    }

    private AgentConnections Connections(string url) => new(Options.Create(new WebVirtOptions
    {
        Agents = [new AgentOptions { HostId = "h1", Name = "h1", Url = url, Token = _token }],
    }), new TestOutputLogger<AgentConnections>(output));
}
