namespace WebVirt.Data.Tests.Infrastructure;

/// <summary>A clock the test moves, for the store's own timestamps (host first/last seen).</summary>
public sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
