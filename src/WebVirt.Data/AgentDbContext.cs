using Microsoft.EntityFrameworkCore;

namespace WebVirt.Data;

/// <summary>The host agent's tables: inventory of hosts and guests, and each guest's state history.</summary>
public sealed class AgentDbContext(DbContextOptions<AgentDbContext> options) : DbContext(options)
{
    // The web app's context shares the database; a schema of our own keeps its table names free.
    internal const string Schema = "agent";

    internal const string MigrationsHistoryTable = "__ef_migrations_agent";

    public DbSet<HostRecord> Hosts => Set<HostRecord>();

    public DbSet<GuestRecord> Guests => Set<GuestRecord>();

    public DbSet<GuestStateChange> StateChanges => Set<GuestStateChange>();

    public DbSet<GuestNote> GuestNotes => Set<GuestNote>();

    public DbSet<SharedPoolRecord> SharedPools => Set<SharedPoolRecord>();

    public DbSet<UsageSample> UsageSamples => Set<UsageSample>();

    public DbSet<MigrationBatchRecord> MigrationBatches => Set<MigrationBatchRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AgentDbContext).Assembly);
}
