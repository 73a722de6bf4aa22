using System.Diagnostics.Metrics;
using WebVirt.Web.Agents;

namespace WebVirt.Web.Metrics;

/// <summary>
/// Counters (CPU seconds, disk and network bytes) built from the usage samples the agents push.
/// A sample carries its interval's average rate; that rate times the time since the guest's previous
/// sample is what the guest did in between, so the sum is the guest's total since this console
/// started watching it (Prometheus' rate() takes it from there, and a console restart is a counter
/// reset). Guests gone from the inventory lose their counters.
/// </summary>
public sealed class GuestUsageTotals : IDisposable
{
    private readonly AgentConnections _agents;
    private readonly Lock _lock = new();
    private readonly Dictionary<(string HostId, string Uuid), GuestUsageSums> _totals = [];

    public GuestUsageTotals(WebVirtMeter meter, AgentConnections agents)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _agents = agents;
        var m = meter.Meter;
        m.CreateObservableCounter("webvirt.guest.cpu", () => Read(t => t.CpuSeconds), "s", "CPU time the guest used, summed over its vCPUs.");
        m.CreateObservableCounter("webvirt.guest.disk.read", () => Read(t => t.DiskReadBytes), "By", "Bytes the guest read from its disks.");
        m.CreateObservableCounter("webvirt.guest.disk.write", () => Read(t => t.DiskWriteBytes), "By", "Bytes the guest wrote to its disks.");
        m.CreateObservableCounter("webvirt.guest.network.receive", () => Read(t => t.NetRxBytes), "By", "Bytes the guest received on its network interfaces.");
        m.CreateObservableCounter("webvirt.guest.network.transmit", () => Read(t => t.NetTxBytes), "By", "Bytes the guest sent on its network interfaces.");
        m.CreateObservableGauge("webvirt.guest.memory.used", () => Read(t => t.MemoryUsedBytes), "By", "Memory the guest uses (its balloon's view when it reports one), at the last sample.");
        agents.UsageSampled += OnUsageSampled;
    }

    public void Dispose() => _agents.UsageSampled -= OnUsageSampled;

    private IEnumerable<Measurement<double>> Read(Func<GuestUsageSums, double> value)
    {
        var guests = _agents.Guests;
        lock (_lock)
        {
            // Only guests still in the inventory: their names are the labels, and a removed guest's series ends.
            return guests.Where(guest => _totals.ContainsKey((guest.HostId, guest.Uuid)))
                .Select(guest => new Measurement<double>(value(_totals[(guest.HostId, guest.Uuid)]), MetricTags.OfGuest(guest)))
                .ToList();
        }
    }

    private void OnUsageSampled(string hostId)
    {
        var guests = _agents.Guests.Where(guest => guest.HostId == hostId).ToList();
        lock (_lock)
        {
            foreach (var guest in guests)
            {
                var key = (hostId, guest.Uuid);
                var samples = _agents.GuestUsage(hostId, guest.Uuid);
                if (samples.Count == 0)
                {
                    continue;
                }

                if (!_totals.TryGetValue(key, out var totals))
                {
                    totals = new GuestUsageSums();
                    _totals[key] = totals;
                }

                totals.Add(samples, guest.VCpus);
            }

            var present = guests.Select(guest => guest.Uuid).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var gone in _totals.Keys.Where(key => key.HostId == hostId && !present.Contains(key.Uuid)).ToList())
            {
                _totals.Remove(gone);
            }
        }
    }
}
