using System.Diagnostics.Metrics;
using WebVirt.Web.Agents.Gateway;

namespace WebVirt.Web.Metrics;

/// <summary>
/// The console's own meter and the task durations recorded as tasks finish; agent calls are timed
/// on the same meter by <see cref="AgentCallMeter"/>, and the figures read at scrape time are
/// observable instruments on it too (<see cref="InventoryMetrics"/>, <see cref="GuestUsageTotals"/>).
/// docs/metrics.md lists every series.
/// </summary>
public sealed class WebVirtMeter
{
    public const string Name = AgentCallMeter.MeterName;

    private static readonly double[] TaskBuckets = [1, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200];

    private readonly Histogram<double> _tasks;

    public WebVirtMeter(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        Meter = meters.Create(Name);
        _tasks = Meter.CreateHistogram("webvirt.task.duration", "s", "Time a long task (create, clone, delete, download) took, from its start to its end.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = TaskBuckets });
    }

    public Meter Meter { get; }

    public void TaskFinished(string hostId, string kind, string state, TimeSpan took) =>
        _tasks.Record(Math.Max(0, took.TotalSeconds),
            new KeyValuePair<string, object?>("host", hostId), new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("state", state));
}
