using System.Diagnostics;
using WebVirt.Agent.Inventory;
using WebVirt.Contracts;

namespace WebVirt.Agent.Tests.Inventory;

/// <summary>The CPU figure a guest's row carries, polled and pushed with a lifecycle event.</summary>
public sealed class GuestCpuFigureTests
{
    private static readonly GuestInfo Busy = new("h", "u-1", "busy", GuestState.Running, "booted", 2, 1024, 1024, 87.5, false, true, DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_poll_of_a_paused_guest_shows_0_even_when_its_interval_measured_the_time_before_it_paused()
    {
        var tracker = new CpuUsageTracker();
        var start = Stopwatch.GetTimestamp();
        tracker.Sample("u-1", 0, 1, start);
        // Busy for the whole second before the poll, paused at its very end.
        var measured = tracker.Sample("u-1", 1_000_000_000, 1, start + Stopwatch.Frequency);

        Assert.Equal(100.0, measured);
        Assert.Equal(0.0, CpuUsageTracker.Shown(GuestState.Paused, measured));
        Assert.Equal(100.0, CpuUsageTracker.Shown(GuestState.Running, measured));
    }

    [Theory]
    [InlineData(GuestState.Paused, 0.0)]
    [InlineData(GuestState.ShutOff, null)]
    [InlineData(GuestState.ShuttingDown, null)]
    [InlineData(GuestState.Crashed, null)]
    public void A_guest_that_paused_or_stopped_is_pushed_without_the_figure_of_its_last_running_interval(GuestState state, double? expected) =>
        Assert.Equal(expected, LifecycleEventStates.CpuPercentAfter(Busy, state));

    [Fact]
    public void A_guest_that_runs_on_keeps_its_figure_and_one_that_runs_again_waits_for_a_measured_one()
    {
        Assert.Equal(87.5, LifecycleEventStates.CpuPercentAfter(Busy, GuestState.Running));
        Assert.Null(LifecycleEventStates.CpuPercentAfter(Busy with { State = GuestState.Paused, CpuPercent = 0 }, GuestState.Running));
        Assert.Null(LifecycleEventStates.CpuPercentAfter(Busy with { State = GuestState.ShutOff, CpuPercent = null }, GuestState.Running));
    }
}
