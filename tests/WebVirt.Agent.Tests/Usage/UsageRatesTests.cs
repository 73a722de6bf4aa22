using WebVirt.Agent.Usage;
using WebVirt.Contracts;

namespace WebVirt.Agent.Tests.Usage;

public sealed class UsageRatesTests
{
    private const string Guest = "6f1c2a4e-0d7b-4c55-9a51-3c0e8b1f2a90";
    private static readonly long Frequency = TimeProvider.System.TimestampFrequency;
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly UsageRates _rates = new(TimeProvider.System);

    [Fact]
    public void Rates_are_the_counters_change_over_the_seconds_between_two_snapshots()
    {
        var before = Snapshot(0, Host(busy: 1_000, total: 10_000), Counters(cpuNs: 1_000_000_000, vcpus: 2, disk: 1_000, net: 5_000));
        // 2 s later: 1 s of CPU over 2 vCPUs is 25 %; 4 000 bytes read is 2 000 B/s.
        var after = Snapshot(2, Host(busy: 4_000, total: 14_000), Counters(cpuNs: 2_000_000_000, vcpus: 2, disk: 5_000, net: 9_000));

        var (host, guests) = _rates.Compute(before, after, At, load1: 0.42)!.Value;

        Assert.Equal(new HostUsageSample(At, 75, 3_000, 8_000, 0.42), host);
        var guest = Assert.Single(guests);
        Assert.Equal(new GuestUsageSample(Guest, At, 25, 300, 512, 2_000, 4_000, 2_000, 1_000), guest);
    }

    [Fact]
    public void The_first_snapshot_only_primes_and_a_guest_first_seen_or_restarted_waits_for_the_next()
    {
        var first = Snapshot(0, Host(busy: 0, total: 100), Counters(cpuNs: 5_000_000_000, vcpus: 1));
        Assert.Null(_rates.Compute(null, first, At, 0));

        var restarted = Snapshot(1, Host(busy: 10, total: 200), Counters(cpuNs: 1_000, vcpus: 1));
        var (_, guests) = _rates.Compute(first, restarted, At, 0)!.Value;
        Assert.Empty(guests);

        var noGuestBefore = Snapshot(0, Host(busy: 0, total: 100));
        Assert.Empty(_rates.Compute(noGuestBefore, restarted, At, 0)!.Value.Guests);
    }

    [Fact]
    public void A_disk_unplugged_between_snapshots_reads_as_no_traffic_and_cpu_stays_within_0_to_100()
    {
        var before = Snapshot(0, Host(busy: 0, total: 100), Counters(cpuNs: 0, vcpus: 1, disk: 10_000, net: 0));
        var after = Snapshot(1, Host(busy: 100, total: 200), Counters(cpuNs: 3_000_000_000, vcpus: 1, disk: 500, net: 0));

        var guest = Assert.Single(_rates.Compute(before, after, At, 0)!.Value.Guests);

        Assert.Equal((100.0, 0.0), (guest.CpuPercent, guest.DiskReadBytesPerSecond));
    }

    private static UsageSnapshot Snapshot(int seconds, HostCounters host, GuestCounters? guest = null) =>
        new(1_000 + (seconds * Frequency), host, guest is null ? new Dictionary<string, GuestCounters>() : new Dictionary<string, GuestCounters> { [Guest] = guest });

    private static HostCounters Host(ulong busy, ulong total) => new(busy, total, 3_000, 8_000);

    private static GuestCounters Counters(ulong cpuNs, int vcpus, ulong disk = 0, ulong net = 0) =>
        new(cpuNs, vcpus, 300, 512, disk, disk * 2, net, net / 2);
}
