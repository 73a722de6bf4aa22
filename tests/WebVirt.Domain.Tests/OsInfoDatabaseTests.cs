using WebVirt.Domain.Guests;
using WebVirt.Domain.OsInfo;
using WebVirt.Domain.Tests.Support;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests;

/// <summary>Against the host's real osinfo-db (Debian package osinfo-db under /usr/share/osinfo).</summary>
public sealed class OsInfoDatabaseTests
{
    private static readonly OsInfoDatabase Database = new();

    [Fact]
    public void It_reads_every_os_file()
    {
        int files = Directory.EnumerateDirectories("/usr/share/osinfo/os").Sum(d => Directory.EnumerateFiles(d, "*.xml").Count());
        Assert.True(files > 100);
        Assert.Equal(files, Database.All.Count);
    }

    [Fact]
    public void Debian_11_has_its_own_minimum_and_recommended_resources()
    {
        OsInfoEntry debian = Database.FindByShortId("debian11")!;

        Assert.Equal("http://debian.org/debian/11", debian.Id);
        Assert.Equal("Debian 11", debian.Name);
        Assert.Equal("Debian Project", debian.Vendor);
        Assert.Equal("linux", debian.Family);
        Assert.Equal("11", debian.Version);
        Assert.Equal(new DateOnly(2021, 8, 14), debian.ReleaseDate);
        Assert.Equal(new OsResources(1, 1L << 30, 10L << 30), debian.Minimum);
        Assert.Equal(1024, debian.Minimum.RamMiB);
        Assert.Equal(20L << 30, debian.Recommended.StorageBytes);
        Assert.Contains("debianbullseye", debian.ShortIds);
        Assert.Same(debian, Database.FindByShortId("debianbullseye"));
    }

    [Fact]
    public void Windows_10_inherits_its_x86_64_minimum_from_windows_8_1()
    {
        OsInfoEntry win10 = Database.FindByShortId("win10")!;

        Assert.Equal("Microsoft Windows 10", win10.Name);
        Assert.Equal("winnt", win10.Family);
        Assert.Equal(new DateOnly(2029, 1, 9), win10.EolDate);
        Assert.Equal(2048, win10.Minimum.RamMiB);
        Assert.Equal(20L << 30, win10.Minimum.StorageBytes);
        Assert.Equal(1, win10.Minimum.CpuCount);
        Assert.False(win10.IsEndOfLife(new DateOnly(2026, 11, 27)));
        Assert.True(win10.IsEndOfLife(new DateOnly(2029, 1, 9)));
    }

    [Fact]
    public void Windows_11_is_uefi_only_as_osinfo_db_says_and_older_systems_are_not()
    {
        Assert.True(Database.FindByShortId("win11")!.RequiresUefi);
        Assert.False(Database.FindByShortId("win10")!.RequiresUefi);
        Assert.False(Database.FindByShortId("debian11")!.RequiresUefi);
    }

    [Fact]
    public void Search_is_a_case_insensitive_substring_match_on_name_and_short_id()
    {
        IReadOnlyList<OsInfoEntry> byName = Database.Search("DEBIAN");
        IReadOnlyList<OsInfoEntry> byShortId = Database.Search("win2k1");

        Assert.Contains(byName, e => e.ShortId == "debian11");
        Assert.All(byName, e => Assert.True(e.Name.Contains("debian", StringComparison.OrdinalIgnoreCase) || e.ShortIds.Any(s => s.Contains("debian", StringComparison.OrdinalIgnoreCase))));
        Assert.Contains(byShortId, e => e.ShortId == "win2k16");
        Assert.DoesNotContain(byShortId, e => e.ShortId == "win10");
        Assert.Empty(Database.Search("no such operating system zzz"));
        Assert.Equal(5, Database.Search("", limit: 5).Count);
    }

    [Fact]
    public void Entries_are_sorted_by_name_and_ids_are_unique()
    {
        Assert.Equal(Database.All.Select(e => e.Name).Order(StringComparer.OrdinalIgnoreCase), Database.All.Select(e => e.Name));
        Assert.Equal(Database.All.Count, Database.All.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public void Every_short_id_is_a_valid_os_variant_for_the_validator() =>
        Assert.All(Database.All.SelectMany(e => e.ShortIds), id => Assert.True(NameRules.IsValidOsVariant(id), id));

    [Fact]
    public void Unknown_ids_are_null()
    {
        Assert.Null(Database.FindByShortId("nope-os"));
        Assert.Null(Database.FindById("http://example.org/nope"));
    }

    [Fact]
    public void A_missing_database_says_which_package_to_install()
    {
        var missing = new OsInfoDatabase("/nonexistent/osinfo");
        DirectoryNotFoundException error = Assert.Throws<DirectoryNotFoundException>(() => missing.All);
        Assert.Contains("osinfo-db", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_advisor_warns_below_the_os_minimum_and_not_above()
    {
        using var pool = new FakePool();
        OsInfoEntry win10 = Database.FindByShortId("win10")!;
        GuestSpec small = Specs.Iso(pool) with { MemoryMiB = 1024, Disk = new GuestDisk.NewVolume(FakePool.Name, 10) };
        GuestSpec enough = Specs.Iso(pool) with { MemoryMiB = 2048, Disk = new GuestDisk.NewVolume(FakePool.Name, 20) };

        Assert.Equal([ValidationKeys.OsMinimumMemory, ValidationKeys.OsMinimumDisk], OsMinimumAdvisor.Check(small, win10).Select(w => w.Key));
        Assert.Empty(OsMinimumAdvisor.Check(enough, win10));
    }
}
