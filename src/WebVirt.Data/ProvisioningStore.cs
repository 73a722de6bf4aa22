using Microsoft.EntityFrameworkCore;

namespace WebVirt.Data;

/// <summary>Tasks and creation records of the agent's host. A singleton: each call takes its own context from the pool.</summary>
public sealed class ProvisioningStore(IDbContextFactory<AgentDbContext> contextFactory)
{
    /// <summary>How a running task's <see cref="AgentTaskRecord.State"/> is stored.</summary>
    public const string RunningState = "Running";

    /// <summary>Inserts or replaces the task's row (its whole state: progress, log, outcome).</summary>
    public async Task SaveTaskAsync(AgentTaskRecord task, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(task);
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var existing = await db.Set<AgentTaskRecord>().SingleOrDefaultAsync(t => t.Id == task.Id, ct);
        if (existing is null)
        {
            db.Set<AgentTaskRecord>().Add(Copy(task, new AgentTaskRecord { Id = task.Id }));
        }
        else
        {
            Copy(task, existing);
        }

        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<AgentTaskRecord>> RecentTasksAsync(string hostId, int limit, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return await db.Set<AgentTaskRecord>()
            .AsNoTracking()
            .Where(t => t.HostId == hostId)
            .OrderByDescending(t => t.StartedAt)
            .Take(limit)
            .ToListAsync(ct);
    }

    /// <summary>The host's tasks still marked running: after the agent starts, tasks its previous run left unfinished.</summary>
    public async Task<IReadOnlyList<AgentTaskRecord>> RunningTasksAsync(string hostId, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return await db.Set<AgentTaskRecord>()
            .AsNoTracking()
            .Where(t => t.HostId == hostId && t.State == RunningState)
            .OrderBy(t => t.StartedAt)
            .ToListAsync(ct);
    }

    public async Task AddCreationRecordAsync(GuestCreationRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        record.CreatedAt = StoredTime.From(record.CreatedAt);
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        db.Set<GuestCreationRecord>().Add(record);
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<GuestCreationRecord>> CreationRecordsAsync(string hostId, string guestUuid, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return await db.Set<GuestCreationRecord>()
            .AsNoTracking()
            .Where(r => r.HostId == hostId && r.GuestUuid == guestUuid)
            .OrderBy(r => r.Id)
            .ToListAsync(ct);
    }

    private static AgentTaskRecord Copy(AgentTaskRecord from, AgentTaskRecord to)
    {
        to.HostId = from.HostId;
        to.Kind = from.Kind;
        to.Target = from.Target;
        to.TargetUuid = from.TargetUuid;
        to.State = from.State;
        to.Percent = from.Percent;
        to.Bytes = from.Bytes;
        to.Log = [.. from.Log];
        to.User = from.User;
        to.StartedAt = StoredTime.From(from.StartedAt);
        to.FinishedAt = from.FinishedAt is DateTimeOffset f ? StoredTime.From(f) : null;
        to.Error = from.Error;
        to.Leftovers = [.. from.Leftovers];
        return to;
    }
}
