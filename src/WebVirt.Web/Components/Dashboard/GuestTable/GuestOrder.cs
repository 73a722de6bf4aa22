using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Runtime.CompilerServices;
using WebVirt.Contracts;

namespace WebVirt.Web.Components.Dashboard;

/// <summary>
/// The guest table's row orders of one inventory list (a shared snapshot's guests), built once per
/// column, direction and language and shared by every table that shows that list: a new tab, and
/// every open one after a push, reads the order the first reader sorted instead of sorting all guests
/// again in each circuit. An order lives as long as its list, so a new snapshot starts afresh.
/// </summary>
public static class GuestOrder
{
    private static readonly ConditionalWeakTable<IReadOnlyList<GuestInfo>, Orders> Cache = new();

    /// <summary>
    /// The guests sorted by <paramref name="column"/> (host names from <paramref name="hostNames"/>, texts in
    /// <paramref name="culture"/>'s order ignoring case), then by name and UUID so rows keep their place between
    /// pushes. Read-only and shared: callers keep the reference and never change it.
    /// </summary>
    public static ReadOnlyCollection<GuestInfo> Of(IReadOnlyList<GuestInfo> guests, IReadOnlyDictionary<string, string> hostNames,
        GuestColumn column, bool descending, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(guests);
        ArgumentNullException.ThrowIfNull(hostNames);
        ArgumentNullException.ThrowIfNull(culture);
        var orders = Cache.GetValue(guests, _ => new Orders(hostNames));
        // The host column's order depends on the names: a list shown with other names than the first
        // reader's is sorted for that caller alone.
        if (!ReferenceEquals(orders.HostNames, hostNames))
        {
            return Sort(guests, hostNames, column, descending, culture);
        }

        return orders.ByKey.GetOrAdd((column, descending, culture.Name), _ => Sort(guests, hostNames, column, descending, culture));
    }

    private static ReadOnlyCollection<GuestInfo> Sort(IReadOnlyList<GuestInfo> guests, IReadOnlyDictionary<string, string> hostNames,
        GuestColumn column, bool descending, CultureInfo culture)
    {
        var compare = culture.CompareInfo;
        var hostRanks = column == GuestColumn.Host ? HostRanks(guests, hostNames, compare) : null;
        var rows = new Row[guests.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var guest = guests[i];
            var key = column switch
            {
                GuestColumn.Host => hostRanks![guest.HostId],
                GuestColumn.State => (int)guest.State,
                GuestColumn.VCpus => guest.VCpus,
                GuestColumn.Memory => guest.MemoryKiB,
                GuestColumn.Cpu => guest.CpuPercent ?? -1,
                GuestColumn.Autostart => guest.Autostart ? 1 : 0,
                _ => 0,
            };
            // One sort key per name, compared as bytes: the same order as culture-aware comparisons, without
            // running one for each of the n·log n comparisons (the cost at thousands of guests).
            rows[i] = new Row(guest, key, compare.GetSortKey(guest.Name, CompareOptions.IgnoreCase).KeyData);
        }

        var direction = descending ? -1 : 1;
        Array.Sort(rows, (a, b) =>
        {
            var primary = column == GuestColumn.Name ? a.NameKey.AsSpan().SequenceCompareTo(b.NameKey) : a.Key.CompareTo(b.Key);
            if (primary != 0)
            {
                return primary * direction;
            }

            var byName = column == GuestColumn.Name ? 0 : a.NameKey.AsSpan().SequenceCompareTo(b.NameKey);
            return byName != 0 ? byName : string.CompareOrdinal(a.Guest.Uuid, b.Guest.Uuid);
        });

        var sorted = new GuestInfo[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            sorted[i] = rows[i].Guest;
        }

        return Array.AsReadOnly(sorted);
    }

    // Each host's place among the hosts' display names (equal names share one), so the guests are
    // ordered by a number instead of comparing host names n·log n times.
    private static Dictionary<string, double> HostRanks(IReadOnlyList<GuestInfo> guests, IReadOnlyDictionary<string, string> hostNames, CompareInfo compare)
    {
        var names = guests.Select(guest => guest.HostId).Distinct(StringComparer.Ordinal)
            .Select(hostId => (HostId: hostId, Name: hostNames.TryGetValue(hostId, out var name) ? name : hostId))
            .ToArray();
        Array.Sort(names, (a, b) => compare.Compare(a.Name, b.Name, CompareOptions.IgnoreCase));
        var ranks = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            var same = i > 0 && compare.Compare(names[i].Name, names[i - 1].Name, CompareOptions.IgnoreCase) == 0;
            ranks[names[i].HostId] = same ? ranks[names[i - 1].HostId] : i;
        }

        return ranks;
    }

    private readonly record struct Row(GuestInfo Guest, double Key, byte[] NameKey);

    private sealed class Orders(IReadOnlyDictionary<string, string> hostNames)
    {
        public IReadOnlyDictionary<string, string> HostNames { get; } = hostNames;

        public ConcurrentDictionary<(GuestColumn Column, bool Descending, string Culture), ReadOnlyCollection<GuestInfo>> ByKey { get; } = new();
    }
}
