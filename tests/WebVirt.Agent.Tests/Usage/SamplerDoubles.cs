using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.Logging;
using WebVirt.Agent.Pushes;
using WebVirt.Contracts;

namespace WebVirt.Agent.Tests.Usage;

/// <summary>A clock whose wall time and timestamps move only when the test moves them.</summary>
public sealed class SteppingTime : TimeProvider
{
    private long _ticks;

    public DateTimeOffset Now { get; private set; } = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => Now;

    public override long GetTimestamp() => _ticks;

    public void Advance(TimeSpan by)
    {
        Now += by;
        _ticks += by.Ticks;
    }
}

/// <summary>Records what the sampler pushes to every console; every other push is accepted and ignored.</summary>
internal sealed class RecordingHubContext : IConnectedWebs
{
    private readonly ClientRecorder _recorder;

    public RecordingHubContext()
    {
        var client = DispatchProxy.Create<IAgentClient, ClientRecorder>();
        _recorder = (ClientRecorder)(object)client;
        All = client;
    }

    public IReadOnlyList<object?[]> UsagePushes => [.. _recorder.Calls.Where(c => c.Method == nameof(IAgentClient.UsageSampled)).Select(c => c.Args)];

    public IAgentClient All { get; }
}

public class ClientRecorder : DispatchProxy
{
    public ConcurrentQueue<(string Method, object?[] Args)> Calls { get; } = new();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        Calls.Enqueue((targetMethod?.Name ?? "", args ?? []));
        return Task.CompletedTask;
    }
}

/// <summary>Keeps the event ids of what was logged, to count how often an outage is reported.</summary>
internal sealed class EventLog<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, int EventId)> Entries { get; } = new();

    public int Count(int eventId) => Entries.Count(e => e.EventId == eventId);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, eventId.Id));
}
