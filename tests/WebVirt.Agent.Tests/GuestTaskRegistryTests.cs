using WebVirt.Agent.Provisioning;

namespace WebVirt.Agent.Tests;

/// <summary>Deleting a guest cancels the tasks acting on it and waits until they have ended (rolled back).</summary>
public sealed class GuestTaskRegistryTests
{
    [Fact]
    public async Task Cancelling_a_guest_cancels_only_its_tasks_and_waits_until_they_end()
    {
        var registry = new GuestTaskRegistry();
        var mine = registry.Begin("web1", CancellationToken.None);
        using var other = registry.Begin("web2", CancellationToken.None);
        var rolledBack = false;
        var task = Task.Run(async () =>
        {
            using (mine)
            {
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.Delay(Timeout.Infinite, mine.Token));
                await Task.Delay(100, CancellationToken.None);
                rolledBack = true;
            }
        });

        await registry.CancelAsync("web1");

        Assert.True(rolledBack, "CancelAsync returned before the task had ended");
        Assert.False(other.Token.IsCancellationRequested);
        await task;
    }

    [Fact]
    public async Task A_task_that_already_ended_or_a_guest_without_tasks_is_nothing_to_cancel()
    {
        var registry = new GuestTaskRegistry();
        registry.Begin("web1", CancellationToken.None).Dispose();

        await registry.CancelAsync("web1");
        await registry.CancelAsync("nobody");
    }

    [Fact]
    public void A_task_also_ends_with_the_agent()
    {
        using var stopping = new CancellationTokenSource();
        using var lease = new GuestTaskRegistry().Begin("web1", stopping.Token);

        stopping.Cancel();

        Assert.True(lease.Token.IsCancellationRequested);
    }
}
