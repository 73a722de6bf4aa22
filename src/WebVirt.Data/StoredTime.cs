namespace WebVirt.Data;

/// <summary>Turns a time into the value PostgreSQL will hold, so what the store returns equals what it later reads back.</summary>
internal static class StoredTime
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMicrosecond;

    /// <remarks>
    /// Npgsql writes <c>timestamptz</c> only from offset-zero values, and PostgreSQL keeps microseconds where .NET has
    /// 100 ns ticks.
    /// </remarks>
    public static DateTimeOffset From(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % TicksPerMicrosecond));
    }
}
