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

    // Each name's sort key by language, kept across snapshots: a push makes a new list (every running guest's
    // CPU % changes on every poll), but its names are the last list's, so a new order costs no ICU call per
    // name and no garbage of keys, only the comparisons. Bounded by the names in use (see NameKeys).
    private static readonly ConcurrentDictionary<string, KeptKeys> NameKeysByCulture = new(StringComparer.Ordinal);

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
        var nameKeys = NameKeys(culture, guests.Count);
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
            var nameKey = nameKeys.GetOrAdd(guest.Name, static (name, compare) => compare.GetSortKey(name, CompareOptions.IgnoreCase).KeyData, compare);
            rows[i] = new Row(guest, key, nameKey);
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

    /// <summary>How many names' sort keys are kept for the language (tests check the bound).</summary>
    internal static int KeptNameKeys(CultureInfo culture) =>
        NameKeysByCulture.TryGetValue(culture.Name, out var kept) ? kept.Keys.Count : 0;

    // The language's keys; emptied when it holds far more names than the largest list sorted (guests renamed or
    // removed over time), so it never grows beyond a few times the inventory.
    // The bound follows the largest list sorted in the language, not the current one: a user who sees a few guests
    // sorts short lists between an administrator's full ones, and emptying the keys on each would make them all again.
    private static ConcurrentDictionary<string, byte[]> NameKeys(CultureInfo culture, int names)
    {
        var kept = NameKeysByCulture.GetOrAdd(culture.Name, _ => new KeptKeys());
        var keys = kept.Keys;
        var largest = Math.Max(names, Volatile.Read(ref kept.LargestList));
        Volatile.Write(ref kept.LargestList, largest);
        if (keys.Count > (2 * largest) + 1024)
        {
            keys.Clear();
        }

        return keys;
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

    private sealed class KeptKeys
    {
        public readonly ConcurrentDictionary<string, byte[]> Keys = new(StringComparer.Ordinal);
        public int LargestList;
    }
}
