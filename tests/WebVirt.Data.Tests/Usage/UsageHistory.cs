using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Contracts;
using WebVirt.Data.Tests.Infrastructure;

namespace WebVirt.Data.Tests.Usage;

/// <summary>A registered host, a clock the test moves and a usage store on them, in the class's database.</summary>
internal sealed class UsageHistory
{
    private UsageHistory(MigratedDatabase database, string hostId, ManualTimeProvider clock, UsageStore store)
    {
        Database = database;
        HostId = hostId;
        Clock = clock;
        Store = store;
    }

    public MigratedDatabase Database { get; }

    public string HostId { get; }

    public ManualTimeProvider Clock { get; }

    public UsageStore Store { get; }

    public static async Task<UsageHistory> CreateAsync(MigratedDatabase database, int intervalSeconds, DateTimeOffset start)
    {
        var hostId = Guests.NewHostId();
        await database.Store.EnsureHostAsync(hostId, "hv", "10.0.0", "9.2.0", CancellationToken.None);
        var clock = new ManualTimeProvider(start);
        var store = new UsageStore(Factory(database), clock, new UsageTiers(intervalSeconds));
        return new UsageHistory(database, hostId, clock, store);
    }

    public static HostUsageSample Host(DateTimeOffset at, double cpu, long used = 1000, long total = 4000, double load = 0.5) =>
        new(at, cpu, used, total, load);

    public static GuestUsageSample Guest(Guid uuid, DateTimeOffset at, double cpu, long used = 100, double disk = 0, double net = 0) =>
        new(uuid.ToString(), at, cpu, used, 512, disk, disk * 2, net, net * 2);

    /// <summary>Rows written straight into a tier, as an earlier compaction would have left them.</summary>
    public async Task InsertAsync(params UsageSample[] rows)
    {
        await using var db = await Factory(Database).CreateDbContextAsync();
        foreach (var row in rows)
        {
            row.HostId = HostId;
        }

        db.UsageSamples.AddRange(rows);
        await db.SaveChangesAsync();
    }

    public async Task<List<UsageSample>> RowsAsync(int resolutionSeconds)
    {
        await using var db = await Factory(Database).CreateDbContextAsync();
        return await db.UsageSamples.AsNoTracking()
            .Where(s => s.HostId == HostId && s.ResolutionSeconds == resolutionSeconds)
            .OrderBy(s => s.GuestUuid).ThenBy(s => s.At)
            .ToListAsync();
    }

    /// <summary>The most rows any one subject (the host or a guest) has in each resolution.</summary>
    public async Task<Dictionary<int, int>> MaxRowsPerSubjectAsync()
    {
        await using var db = await Factory(Database).CreateDbContextAsync();
        var counts = await db.UsageSamples.AsNoTracking()
            .Where(s => s.HostId == HostId)
            .GroupBy(s => new { s.ResolutionSeconds, s.GuestUuid })
            .Select(g => new { g.Key.ResolutionSeconds, Count = g.Count() })
            .ToListAsync();
        return counts.GroupBy(c => c.ResolutionSeconds).ToDictionary(g => g.Key, g => g.Max(c => c.Count));
    }

    private static IDbContextFactory<AgentDbContext> Factory(MigratedDatabase database) =>
        database.Services.GetRequiredService<IDbContextFactory<AgentDbContext>>();
}
