namespace WebVirt.Web.Tests.Infrastructure;

/// <summary>A clock the test moves forward by hand, for expiry rules.</summary>
public sealed class SteppedClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
