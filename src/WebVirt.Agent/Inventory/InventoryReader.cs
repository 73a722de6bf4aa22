using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using WebVirt.Agent.Configuration;
using WebVirt.Contracts;
using WebVirt.Domain.Definition;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Inventory;

/// <summary>
/// Reads every guest of the host with one virConnectGetAllDomainStats call (plus two list calls for
/// the autostart and transient sets, which the stats do not carry) instead of a call per guest.
/// </summary>
internal sealed class InventoryReader(IOptions<AgentOptions> options, CpuUsageTracker cpu)
{
    private const DomainStatsTypes Stats = DomainStatsTypes.State | DomainStatsTypes.CpuTotal | DomainStatsTypes.Balloon | DomainStatsTypes.Vcpu;

    /// <summary>
    /// The template flag by UUID. It lives in the definition's XML, which the stats do not carry, so it
    /// is read once per guest and again whenever a guest is re-read alone (after SetTemplate and on
    /// lifecycle events, which include redefinitions), not on every poll.
    /// </summary>
    private readonly ConcurrentDictionary<string, bool> _templates = new(StringComparer.Ordinal);

    public IReadOnlyList<GuestInfo> ReadAll(LibvirtConnection connection)
    {
        var records = connection.GetAllDomainStats(Stats);
        var autostart = connection.ListDomainUuids(DomainListFlags.Autostart);
        var transient = connection.ListDomainUuids(DomainListFlags.Transient);
        var now = Stopwatch.GetTimestamp();
        var at = DateTimeOffset.UtcNow;
        var guests = records.Select(r => ToGuest(WithInfoFallback(connection, r), autostart.Contains(r.Uuid), !transient.Contains(r.Uuid), now, at)
            with { IsTemplate = _templates.GetOrAdd(r.Uuid, uuid => ReadTemplateFlag(connection, uuid)) }).ToList();
        var present = guests.Select(g => g.Uuid).ToHashSet(StringComparer.Ordinal);
        cpu.Retain(present);
        foreach (var gone in _templates.Keys.Where(uuid => !present.Contains(uuid)))
        {
            _templates.TryRemove(gone, out _);
        }

        return guests;
    }

    public GuestInfo ReadOne(LibvirtConnection connection, string uuid)
    {
        using var domain = connection.LookupDomainByUuid(uuid);
        var record = WithInfoFallback(connection, connection.GetDomainStats([domain], Stats).Single());
        bool isTemplate = _templates[uuid] = IsTemplate(domain);
        return ToGuest(record, domain.GetAutostart(), domain.IsPersistent(), Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow) with { IsTemplate = isTemplate };
    }

    private static bool ReadTemplateFlag(LibvirtConnection connection, string uuid)
    {
        try
        {
            using var domain = connection.LookupDomainByUuid(uuid);
            return IsTemplate(domain);
        }
        catch (LibvirtException)
        {
            // Undefined between the stats call and this lookup: the next poll drops the row anyway.
            return false;
        }
    }

    private static bool IsTemplate(LibvirtDomain domain) => WebVirtMetadata.Read(domain.GetXmlDesc(inactive: true))?.IsTemplate == true;

    /// <summary>
    /// Drivers without vCPU and balloon stats (libvirt's test driver, some older hypervisors) get
    /// them from virDomainGetInfo instead; QEMU has them, so there this costs nothing.
    /// </summary>
    private static DomainStatsRecord WithInfoFallback(LibvirtConnection connection, DomainStatsRecord record)
    {
        if (record.Params.ContainsKey("vcpu.current") && record.Params.ContainsKey("balloon.current"))
        {
            return record;
        }

        using var domain = connection.LookupDomainByUuid(record.Uuid);
        var info = domain.GetInfo();
        var merged = new Dictionary<string, object>(record.Params, StringComparer.Ordinal);
        merged.TryAdd("vcpu.current", info.VCpus);
        merged.TryAdd("balloon.current", info.MemoryKiB);
        merged.TryAdd("balloon.maximum", info.MaxMemoryKiB);
        merged.TryAdd("cpu.time", info.CpuTimeNs);
        return record with { Params = merged };
    }

    private GuestInfo ToGuest(DomainStatsRecord record, bool autostart, bool persistent, long timestamp, DateTimeOffset at)
    {
        var p = record.Params;
        var state = (DomainState)ReadInt(p, "state.state");
        var reason = ReadInt(p, "state.reason");
        var vcpus = ReadInt(p, "vcpu.current");
        ulong? cpuTime = p.TryGetValue("cpu.time", out var t) && state is DomainState.Running or DomainState.Paused or DomainState.Blocked
            ? Convert.ToUInt64(t, System.Globalization.CultureInfo.InvariantCulture)
            : null;
        return new GuestInfo(
            options.Value.ResolvedHostId,
            record.Uuid,
            record.Name,
            (GuestState)state,
            LibvirtDomain.ReasonName(state, reason),
            vcpus,
            ReadLong(p, "balloon.current"),
            ReadLong(p, "balloon.maximum"),
            CpuUsageTracker.Shown((GuestState)state, cpu.Sample(record.Uuid, cpuTime, vcpus, timestamp)),
            autostart,
            persistent,
            at);
    }

    private static int ReadInt(IReadOnlyDictionary<string, object> p, string key) =>
        p.TryGetValue(key, out var v) ? Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) : 0;

    private static long ReadLong(IReadOnlyDictionary<string, object> p, string key) =>
        p.TryGetValue(key, out var v) ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : 0;
}
