using System.Globalization;
using WebVirt.Contracts;
using WebVirt.Web.Components.Dashboard;
using static WebVirt.Web.Tests.Infrastructure.GuestSamples;

namespace WebVirt.Web.Tests;

/// <summary>
/// The guest table's order is sorted once per inventory list, column, direction and language and shared by
/// every table showing that list, and it is the order the table always had: the column in the language's
/// order ignoring case, then name, then UUID.
/// </summary>
public sealed class GuestOrderTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly Dictionary<string, string> Names = new() { ["h1"] = "beta", ["h2"] = "Alpha", ["h3"] = "gamma" };

    [Fact]
    public void Tables_showing_the_same_list_share_one_order_and_a_new_list_gets_its_own()
    {
        IReadOnlyList<GuestInfo> guests = [Guest("b", GuestState.Running), Guest("a", GuestState.ShutOff)];

        var first = GuestOrder.Of(guests, Names, GuestColumn.Name, false, English);
        Assert.Same(first, GuestOrder.Of(guests, Names, GuestColumn.Name, false, English));
        Assert.NotSame(first, GuestOrder.Of(guests, Names, GuestColumn.Name, true, English));
        Assert.NotSame(first, GuestOrder.Of(guests, Names, GuestColumn.State, false, English));

        IReadOnlyList<GuestInfo> next = [.. guests, Guest("c", GuestState.Paused)];
        var after = GuestOrder.Of(next, Names, GuestColumn.Name, false, English);
        Assert.Equal(["a", "b", "c"], after.Select(guest => guest.Name));
        Assert.Equal(["a", "b"], first.Select(guest => guest.Name));
    }

    [Fact]
    public void A_list_shown_with_other_host_names_is_sorted_by_those_names()
    {
        IReadOnlyList<GuestInfo> guests = [Guest("x", GuestState.Running, "h1"), Guest("y", GuestState.Running, "h2")];

        Assert.Equal(["y", "x"], GuestOrder.Of(guests, Names, GuestColumn.Host, false, English).Select(guest => guest.Name));
        var renamed = new Dictionary<string, string> { ["h1"] = "a-first", ["h2"] = "z-last" };
        Assert.Equal(["x", "y"], GuestOrder.Of(guests, renamed, GuestColumn.Host, false, English).Select(guest => guest.Name));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-Hans")]
    public void Every_column_both_ways_sorts_as_the_culture_compares_then_by_name_then_uuid(string cultureName)
    {
        var culture = CultureInfo.GetCultureInfo(cultureName);
        var random = new Random(15);
        string[] stems = ["web", "Web", "db", "DB-02", "ä-node", "数据库", "测试", "build", "zeta", "alpha"];
        IReadOnlyList<GuestInfo> guests = [.. Enumerable.Range(0, 400).Select(i => Guest(
            stems[random.Next(stems.Length)] + (random.Next(3) == 0 ? "" : random.Next(30).ToString(CultureInfo.InvariantCulture)),
            (GuestState)random.Next(Enum.GetValues<GuestState>().Length),
            "h" + random.Next(1, 4),
            autostart: random.Next(2) == 0,
            cpu: random.Next(3) == 0 ? null : random.Next(5)) with { VCpus = random.Next(1, 4), MemoryKiB = random.Next(1, 4) * 1024L })];
        var text = StringComparer.Create(culture, ignoreCase: true);

        foreach (var column in Enum.GetValues<GuestColumn>())
        {
            foreach (var descending in new[] { false, true })
            {
                var expected = Expected(guests, column, descending, text);
                Assert.Equal(expected.Select(guest => guest.Uuid), GuestOrder.Of(guests, Names, column, descending, culture).Select(guest => guest.Uuid));
            }
        }
    }

    [Fact]
    public void Names_sorted_before_in_another_language_or_list_keep_each_languages_order()
    {
        var german = CultureInfo.GetCultureInfo("de");
        var swedish = CultureInfo.GetCultureInfo("sv");
        // "ä" sorts with "a" in German and after "z" in Swedish: a key kept for one language must not order the other.
        string[] names = ["zeta", "äpfel", "apfel", "beta"];
        IReadOnlyList<GuestInfo> Listed() => [.. names.Select(name => Guest(name, GuestState.Running))];

        foreach (var (culture, expected) in new[]
        {
            (german, new[] { "apfel", "äpfel", "beta", "zeta" }),
            (swedish, new[] { "apfel", "beta", "zeta", "äpfel" }),
            (german, new[] { "apfel", "äpfel", "beta", "zeta" }),
        })
        {
            // A new list each time, as every push makes: the names' keys come from the earlier sorts.
            Assert.Equal(expected, GuestOrder.Of(Listed(), Names, GuestColumn.Name, false, culture).Select(guest => guest.Name));
        }
    }

    [Fact]
    public void The_kept_name_keys_stay_bounded_by_the_lists_sorted()
    {
        var culture = CultureInfo.GetCultureInfo("fr");
        for (var round = 0; round < 10; round++)
        {
            // Every round a thousand names never seen before (guests renamed, removed and added).
            IReadOnlyList<GuestInfo> guests = [.. Enumerable.Range(0, 1000).Select(i => Guest(FormattableString.Invariant($"r{round}-g{i}"), GuestState.Running))];
            GuestOrder.Of(guests, Names, GuestColumn.Name, false, culture);
            Assert.InRange(GuestOrder.KeptNameKeys(culture), 1000, (2 * 1000) + 1024 + 1000);
        }
    }

    // The table's order before the shared one: LINQ with the culture's comparer.
    private static List<GuestInfo> Expected(IReadOnlyList<GuestInfo> guests, GuestColumn column, bool descending, StringComparer text)
    {
        IOrderedEnumerable<GuestInfo> Order<TKey>(Func<GuestInfo, TKey> key, IComparer<TKey> comparer) =>
            descending ? guests.OrderByDescending(key, comparer) : guests.OrderBy(key, comparer);

        var sorted = column switch
        {
            GuestColumn.Host => Order(guest => Names[guest.HostId], text),
            GuestColumn.State => Order(guest => (int)guest.State, Comparer<int>.Default),
            GuestColumn.VCpus => Order(guest => guest.VCpus, Comparer<int>.Default),
            GuestColumn.Memory => Order(guest => guest.MemoryKiB, Comparer<long>.Default),
            GuestColumn.Cpu => Order(guest => guest.CpuPercent ?? -1, Comparer<double>.Default),
            GuestColumn.Autostart => Order(guest => guest.Autostart, Comparer<bool>.Default),
            _ => Order(guest => guest.Name, text),
        };
        return [.. sorted.ThenBy(guest => guest.Name, text).ThenBy(guest => guest.Uuid, StringComparer.Ordinal)];
    }
}
