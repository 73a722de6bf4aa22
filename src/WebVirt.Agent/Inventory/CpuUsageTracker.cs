using System.Diagnostics;
using WebVirt.Contracts;

namespace WebVirt.Agent.Inventory;

/// <summary>
/// Turns libvirt's cumulative guest CPU time into a percentage between two samples, where 100 means
/// all of the guest's vCPUs were busy (as virt-manager and top inside the guest would show).
/// </summary>
internal sealed class CpuUsageTracker
{
    private readonly Dictionary<string, (ulong CpuTimeNs, long Timestamp)> _last = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>
    /// The figure a guest in <paramref name="state"/> shows: a paused guest's vCPUs run no more, so 0,
    /// whatever the interval in which it paused measured.
    /// </summary>
    public static double? Shown(GuestState state, double? measured) => state == GuestState.Paused ? 0 : measured;

    public double? Sample(string uuid, ulong? cpuTimeNs, int vcpus, long timestamp)
    {
        lock (_gate)
        {
            if (cpuTimeNs is not { } now || vcpus <= 0)
            {
                _last.Remove(uuid);
                return null;
            }

            double? percent = null;
            if (_last.TryGetValue(uuid, out var previous) && now >= previous.CpuTimeNs && timestamp > previous.Timestamp)
            {
                var wallNs = Stopwatch.GetElapsedTime(previous.Timestamp, timestamp).TotalNanoseconds;
                percent = Math.Clamp((now - previous.CpuTimeNs) / (wallNs * vcpus) * 100.0, 0, 100);
            }

            _last[uuid] = (now, timestamp);
            return percent is { } p ? Math.Round(p, 1) : null;
        }
    }

    public void Forget(string uuid)
    {
        lock (_gate)
        {
            _last.Remove(uuid);
        }
    }

    public void Retain(IReadOnlySet<string> uuids)
    {
        lock (_gate)
        {
            foreach (var gone in _last.Keys.Where(k => !uuids.Contains(k)).ToList())
            {
                _last.Remove(gone);
            }
        }
    }
}
