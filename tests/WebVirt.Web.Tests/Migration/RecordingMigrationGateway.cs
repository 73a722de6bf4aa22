using System.Collections.Concurrent;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests.Migration;

/// <summary>Answers each guest as told, after a pause that lets a too eager runner start a third at once.</summary>
internal sealed class RecordingMigrationGateway : IMigrationGateway
{
    private int _atOnce;

    public ConcurrentDictionary<string, ProvisioningResult> Answers { get; } = new();

    public ConcurrentQueue<(GuestInfo Guest, MigrationChoice Choice)> Asked { get; } = new();

    public int MostAtOnce { get; private set; }

    /// <summary>The tasks answered as started.</summary>
    public ConcurrentQueue<string> Started { get; } = new();

    public ConcurrentQueue<string> Cancelled { get; } = new();

    public IReadOnlyList<HostView> Destinations(GuestInfo guest) => Destinations(guest.HostId);

    public IReadOnlyList<HostView> Destinations(string sourceHostId) =>
    [
        new HostView("h2", "beta", AgentLinkState.Connected, null, HostSamples.Host("h2") with { MemoryFreeKiB = 1024 }),
        new HostView("h3", "gamma", AgentLinkState.Connected, null, HostSamples.Host("h3") with { MemoryFreeKiB = 4096 }),
    ];

    public async Task<ProvisioningResult> MigrateAsync(GuestInfo guest, MigrationChoice choice, CancellationToken cancellationToken = default)
    {
        Asked.Enqueue((guest, choice));
        var now = Interlocked.Increment(ref _atOnce);
        MostAtOnce = Math.Max(MostAtOnce, now);
        await Task.Delay(200, cancellationToken);
        Interlocked.Decrement(ref _atOnce);
        var answer = Answers[guest.Uuid];
        if (answer.TaskId is { } taskId)
        {
            Started.Enqueue(taskId);
        }

        return answer;
    }

    public Task<ActionResult> CancelAsync(string hostId, string taskId, CancellationToken cancellationToken = default)
    {
        Cancelled.Enqueue(taskId);
        return Task.FromResult(ActionResult.Success);
    }
}
