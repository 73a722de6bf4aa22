using WebVirt.Contracts;

namespace WebVirt.Web.Agents;

/// <summary>
/// The agent's usage pushes, kept in memory for the live graphs: the last <see cref="KeptUsageSamples"/>
/// samples of the host and of each guest. Each push is also handed on (<see cref="UsageReported"/>) for
/// the history the web keeps in PostgreSQL, under this connection's host id whatever the agent wrote.
/// </summary>
internal sealed partial class AgentConnection
{
    public const int KeptUsageSamples = 120;

    /// <summary>A guest that has not been sampled for this long (stopped, removed) loses its live series.</summary>
    private static readonly TimeSpan GuestUsageForgetAfter = TimeSpan.FromMinutes(15);

    private readonly Lock _usageLock = new();
    private readonly Dictionary<string, Queue<GuestUsageSample>> _guestUsage = new(StringComparer.OrdinalIgnoreCase);
    private readonly Queue<HostUsageSample> _hostUsage = new();

    /// <summary>Raised on the connection's thread after each usage push has been stored.</summary>
    public event Action<string>? UsageSampled;

    /// <summary>Raised on the connection's thread with each usage push, for the history.</summary>
    public event Action<Records.UsageReport>? UsageReported;

    public IReadOnlyList<HostUsageSample> HostUsage
    {
        get
        {
            lock (_usageLock)
            {
                return [.. _hostUsage];
            }
        }
    }

    public IReadOnlyList<GuestUsageSample> GuestUsage(string uuid)
    {
        lock (_usageLock)
        {
            return _guestUsage.TryGetValue(uuid, out var samples) ? [.. samples] : [];
        }
    }

    private void OnUsageSampled(string hostId, HostUsageSample host, IReadOnlyList<GuestUsageSample> guests)
    {
        lock (_usageLock)
        {
            Append(_hostUsage, host);
            foreach (var sample in guests)
            {
                if (!_guestUsage.TryGetValue(sample.Uuid, out var series))
                {
                    series = new Queue<GuestUsageSample>();
                    _guestUsage[sample.Uuid] = series;
                }

                Append(series, sample);
            }

            var stale = _guestUsage.Where(pair => pair.Value.Count == 0 || host.At - pair.Value.Last().At > GuestUsageForgetAfter)
                .Select(pair => pair.Key).ToList();
            foreach (var uuid in stale)
            {
                _guestUsage.Remove(uuid);
            }
        }

        UsageSampled?.Invoke(_options.HostId);
        // The host id is the connection's: an agent reports for its own host only.
        UsageReported?.Invoke(new Records.UsageReport(_options.HostId, host, guests));
    }

    private static void Append<T>(Queue<T> series, T sample)
    {
        series.Enqueue(sample);
        while (series.Count > KeptUsageSamples)
        {
            series.Dequeue();
        }
    }
}
