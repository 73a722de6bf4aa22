using System.Diagnostics.Metrics;
using WebVirt.Contracts;
using WebVirt.Web.Agents;

namespace WebVirt.Web.Metrics;

/// <summary>
/// Hosts and guests as the console's in-memory inventory holds them (what the agents last pushed),
/// as observable gauges: a scrape reads memory and never calls an agent.
/// </summary>
public sealed class InventoryMetrics
{
    private const double KiB = 1024;

    private readonly AgentConnections _agents;

    public InventoryMetrics(WebVirtMeter meter, AgentConnections agents)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _agents = agents;
        var m = meter.Meter;
        m.CreateObservableGauge("webvirt.guest.state", GuestStates, description: "1, labelled with the guest's current state (libvirt's: Running, Paused, ShutOff, ...).");
        m.CreateObservableGauge("webvirt.guest.vcpus", () => PerGuest(guest => guest.VCpus), description: "Virtual CPUs the guest has.");
        m.CreateObservableGauge("webvirt.guest.memory", () => PerGuest(guest => guest.MemoryKiB * KiB), "By", "Memory the guest currently has (its balloon's size).");
        m.CreateObservableGauge("webvirt.guest.memory.max", () => PerGuest(guest => guest.MaxMemoryKiB * KiB), "By", "Memory the guest may grow to.");
        m.CreateObservableGauge("webvirt.guest.cpu.usage", GuestCpu, "%", "CPU the guest used over the agent's last sampling interval; 100 = all of its vCPUs busy (running guests only).");

        m.CreateObservableGauge("webvirt.host.agent.connected", () => PerHost(host => host.Link == AgentLinkState.Connected ? 1 : 0),
            description: "1 while the console is connected to the host's agent.");
        m.CreateObservableGauge("webvirt.host.libvirt.connected", () => PerHost(host => host.Link == AgentLinkState.Connected && host.Info?.Connected == true ? 1 : 0),
            description: "1 while the agent is connected and reports its libvirt connection up.");
        m.CreateObservableGauge("webvirt.host.cpus", () => PerHostInfo(info => info.Cpus), description: "The host's logical CPUs.");
        m.CreateObservableGauge("webvirt.host.memory.total", () => PerHostInfo(info => info.MemoryTotalKiB * KiB), "By", "The host's memory.");
        m.CreateObservableGauge("webvirt.host.memory.free", () => PerHostInfo(info => info.MemoryFreeKiB * KiB), "By", "The host's free memory, as its agent last reported.");
        m.CreateObservableGauge("webvirt.host.guests", GuestCounts, description: "Guests defined on the host (templates included).");
        m.CreateObservableGauge("webvirt.host.cpu.usage", () => PerHostSample(sample => sample.CpuPercent), "%", "The host's CPU use over the agent's last sampling interval.");
        m.CreateObservableGauge("webvirt.host.load1", () => PerHostSample(sample => sample.Load1), description: "The host's one-minute load average.");
    }

    /// <summary>One series per guest, for its current state: OpenTelemetry exports only what a callback observed, so the old state's series ends.</summary>
    private IEnumerable<Measurement<double>> GuestStates() =>
        _agents.Guests.Select(guest => new Measurement<double>(1, MetricTags.OfGuest(guest, MetricTags.State, guest.State.ToString())));

    private IEnumerable<Measurement<double>> PerGuest(Func<GuestInfo, double> value) =>
        _agents.Guests.Select(guest => new Measurement<double>(value(guest), MetricTags.OfGuest(guest)));

    private IEnumerable<Measurement<double>> GuestCpu() =>
        _agents.Guests.Where(guest => guest.CpuPercent is not null)
            .Select(guest => new Measurement<double>(guest.CpuPercent!.Value, MetricTags.OfGuest(guest)));

    private IEnumerable<Measurement<double>> PerHost(Func<HostView, double> value) =>
        _agents.Hosts.Select(host => new Measurement<double>(value(host), MetricTags.OfHost(host.HostId)));

    /// <summary>Figures of the agent's report: none before the first report of a host.</summary>
    private IEnumerable<Measurement<double>> PerHostInfo(Func<HostInfo, double> value) =>
        _agents.Hosts.Where(host => host.Info is not null)
            .Select(host => new Measurement<double>(value(host.Info!), MetricTags.OfHost(host.HostId)));

    private IEnumerable<Measurement<double>> PerHostSample(Func<HostUsageSample, double> value)
    {
        foreach (var host in _agents.Hosts)
        {
            if (_agents.HostUsage(host.HostId) is [.., var latest])
            {
                yield return new Measurement<double>(value(latest), MetricTags.OfHost(host.HostId));
            }
        }
    }

    private IEnumerable<Measurement<long>> GuestCounts()
    {
        var counts = _agents.Guests.CountBy(guest => guest.HostId).ToDictionary(StringComparer.Ordinal);
        return _agents.Hosts.Select(host => new Measurement<long>(counts.GetValueOrDefault(host.HostId), MetricTags.OfHost(host.HostId)));
    }
}
