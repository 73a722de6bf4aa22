namespace WebVirt.Data.Tests.Infrastructure;

/// <summary>Times at whole seconds: PostgreSQL keeps microseconds, so finer .NET ticks would not compare equal after a round trip.</summary>
public static class TestClock
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(int minutes) => Start.AddMinutes(minutes);
}
