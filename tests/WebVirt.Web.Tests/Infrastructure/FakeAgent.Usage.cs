using System.Collections.Concurrent;
using WebVirt.Contracts;

namespace WebVirt.Web.Tests.Infrastructure;

/// <summary>Usage history the fake agent answers with, and which series were asked for.</summary>
public sealed class FakeUsageState
{
    public ConcurrentDictionary<(string Uuid, UsageRange Range), IReadOnlyList<GuestUsageSample>> Guests { get; } = new();

    public ConcurrentDictionary<UsageRange, IReadOnlyList<HostUsageSample>> Host { get; } = new();

    /// <summary>Every history read: the guest's UUID (null for the host) and the range.</summary>
    public ConcurrentQueue<(string? Uuid, UsageRange Range)> Queries { get; } = new();

    /// <summary>The resolution the agent keeps each range at, as the real one reports it.</summary>
    public static int ResolutionOf(UsageRange range) => range switch
    {
        UsageRange.Live => 5,
        UsageRange.Hour => 60,
        UsageRange.Day => 600,
        _ => 3600,
    };
}

public sealed partial class FakeAgentState
{
    public FakeUsageState Usage { get; } = new();
}

public sealed partial class FakeAgentHub
{
    public Task<GuestUsageSeries> GetGuestUsage(string uuid, UsageRange range)
    {
        state.Usage.Queries.Enqueue((uuid, range));
        var samples = state.Usage.Guests.TryGetValue((uuid, range), out var kept) ? kept : [];
        return Task.FromResult(new GuestUsageSeries(uuid, range, FakeUsageState.ResolutionOf(range), samples));
    }

    public Task<HostUsageSeries> GetHostUsage(UsageRange range)
    {
        state.Usage.Queries.Enqueue((null, range));
        var samples = state.Usage.Host.TryGetValue(range, out var kept) ? kept : [];
        return Task.FromResult(new HostUsageSeries(range, FakeUsageState.ResolutionOf(range), samples));
    }
}
