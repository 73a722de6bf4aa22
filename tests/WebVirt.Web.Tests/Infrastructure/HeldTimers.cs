namespace WebVirt.Web.Tests.Infrastructure;

/// <summary>
/// A clock whose timers fire only when the test says so, to tell a render done at once from one
/// that waited for a throttle's interval without measuring any time.
/// </summary>
public sealed class HeldTimers : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<HeldTimer> _timers = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new HeldTimer(this, callback, state);
        lock (_lock)
        {
            _timers.Add(timer);
        }

        return timer;
    }

    /// <summary>Fires every timer created so far, once.</summary>
    public void FireAll()
    {
        HeldTimer[] due;
        lock (_lock)
        {
            due = [.. _timers];
            _timers.Clear();
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    private void Remove(HeldTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class HeldTimer(HeldTimers owner, TimerCallback callback, object? state) : ITimer
    {
        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
