using System.Diagnostics.Metrics;

namespace WebVirt.Web.Agents.Gateway;

/// <summary>
/// The duration of every hub call <see cref="AgentCallPipeline"/> makes, for /metrics
/// (webvirt_agent_call_duration_seconds). It lives on the console's meter, <see cref="MeterName"/>.
/// </summary>
public sealed class AgentCallMeter
{
    public const string MeterName = "WebVirt";

    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Histogram<double> _calls;

    public AgentCallMeter(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _calls = meters.Create(MeterName).CreateHistogram("webvirt.agent.call.duration", "s", "Time a call from the console to a host's agent took, by outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
    }

    /// <param name="outcome">ok (the agent answered, a refusal too), failed (a hub error or a broken answer), timeout, or unavailable (the connection broke).</param>
    public void Finished(string hostId, string outcome, TimeSpan took) =>
        _calls.Record(took.TotalSeconds, new KeyValuePair<string, object?>("host", hostId), new KeyValuePair<string, object?>("outcome", outcome));
}
