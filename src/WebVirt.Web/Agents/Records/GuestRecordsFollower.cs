using Microsoft.EntityFrameworkCore;
using WebVirt.Contracts;
using WebVirt.Data;
using WebVirt.Web.Audit;
using WebVirt.Web.Data;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Agents.Records;

/// <summary>
/// After a guest's live migration succeeded, what the web keeps about it under the source host follows it to
/// the destination: notes and tags, state history (<see cref="GuestNotesStore.MoveAsync"/>), and every grant on
/// the guest's path, the owner's included. Watches the agents' tasks like <see cref="GuestOwnership"/>; a failed,
/// cancelled or interrupted migration left the guest where it was, so nothing moves.
/// </summary>
public sealed partial class GuestRecordsFollower(
    AgentConnections agents,
    GuestNotesStore notes,
    InventoryRecorder recorder,
    IDbContextFactory<WebDbContext> contexts,
    RightsEvaluator evaluator,
    GuestTagIndex tags,
    AuditLog audit,
    ILogger<GuestRecordsFollower> logger) : TaskOutcomeWatcher(agents)
{
    public const string MigrateKind = "migrate";
    public const string AuditMoved = "guest-records-moved";

    /// <summary>The destination a finished migration task names (its last line says where the guest went), or null.</summary>
    public static string? DestinationOf(AgentTaskInfo task) =>
        task is { Kind: MigrateKind, State: AgentTaskState.Succeeded, TargetUuid: not null }
        && task.Log.LastOrDefault(line => line.Text.Code == ErrorCodes.TaskMigrated) is { Text.Args: [_, var host, ..] }
        && !string.IsNullOrWhiteSpace(host) && host != task.HostId
            ? host
            : null;

    /// <summary>Moves the records of the guests whose migration succeeded since the last call; each task once.</summary>
    public Task FollowAsync() => HandleDueAsync();

    protected override bool IsDue(AgentTaskInfo task) => DestinationOf(task) is not null;

    protected override async Task<IReadOnlyCollection<AgentTaskInfo>> HandleAsync(IReadOnlyList<AgentTaskInfo> due)
    {
        var retry = new List<AgentTaskInfo>();
        foreach (var task in due)
        {
            // Every step is safe to repeat, so a failed move is simply tried again with the next change.
            if (!await MoveAsync(task, DestinationOf(task)!))
            {
                retry.Add(task);
            }
        }

        return retry;
    }

    private async Task<bool> MoveAsync(AgentTaskInfo task, string destination)
    {
        var uuid = task.TargetUuid!.ToLowerInvariant();
        if (!Guid.TryParse(uuid, out var key))
        {
            return true;
        }

        try
        {
            var moved = await notes.MoveAsync(task.HostId, destination, key, CancellationToken.None);
            if (moved is null)
            {
                // The destination's inventory may not have recorded the arrived guest yet.
                await recorder.SyncNowAsync(destination, CancellationToken.None);
                moved = await notes.MoveAsync(task.HostId, destination, key, CancellationToken.None);
            }

            if (moved is null)
            {
                Log.DestinationUnrecorded(logger, task.Target, destination);
                return false;
            }

            if (moved.DestinationNotesKept)
            {
                Log.DestinationNotesKept(logger, task.Target, destination, task.HostId);
            }

            tags.Record(task.HostId, uuid, GuestNotes.Empty);
            tags.Record(destination, uuid, moved.Notes is { } n ? new GuestNotes(n.Description, [.. n.Tags], n.UpdatedBy, n.UpdatedAt) : GuestNotes.Empty);
            var grants = await MoveGrantsAsync(task.HostId, destination, uuid);
            evaluator.Invalidate();

            // A task handled again after the web's restart finds nothing left to move, and writes no second entry.
            if (moved.ChangedAnything || grants > 0)
            {
                await audit.WriteAsync(new AuditEntry
                {
                    UserName = task.User,
                    Action = AuditMoved,
                    TargetHost = destination,
                    TargetGuestUuid = uuid,
                    TargetGuestName = AuditText.Sanitize(task.Target, AuditEntry.GuestNameMaxLength),
                    Result = AuditEntry.ResultOk,
                    Detail = $"from {task.HostId}: notes {(moved.NotesMoved ? "moved" : moved.DestinationNotesKept ? "of the destination kept" : "none")}, {moved.HistoryCopied} history entries, {grants} grants",
                });
            }

            Log.Moved(logger, task.Target, task.HostId, destination, moved.NotesMoved, moved.HistoryCopied, grants);
            return true;
        }
        catch (Exception ex) when (ex is DbUpdateException or Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
            Log.NotMoved(logger, task.Target, destination, ex);
            return false;
        }
    }

    /// <summary>Re-points the grants on the source's guest path; one the destination's path already has just loses its copy (an owner flag carried over).</summary>
    private async Task<int> MoveGrantsAsync(string fromHostId, string toHostId, string uuid)
    {
        var from = RightsPath.Guest(fromHostId, uuid).ToString();
        var to = RightsPath.Guest(toHostId, uuid).ToString();
        await using var db = await contexts.CreateDbContextAsync();
        var grants = await db.RightsGrants.Where(g => g.Path == from || g.Path == to).ToListAsync();
        var moving = grants.Where(g => g.Path == from).ToList();
        foreach (var grant in moving)
        {
            if (grants.FirstOrDefault(g => g.Path == to && g.UserId == grant.UserId && g.GroupId == grant.GroupId && g.Role == grant.Role) is { } existing)
            {
                existing.IsOwner |= grant.IsOwner;
                db.RightsGrants.Remove(grant);
            }
            else
            {
                grant.Path = to;
            }
        }

        await db.SaveChangesAsync();
        return moving.Count;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1231, Level = LogLevel.Information, Message = "Guest {Guest} migrated from {From} to {To}: notes moved {NotesMoved}, {History} history entries copied, {Grants} grants re-pointed")]
        public static partial void Moved(ILogger logger, string guest, string from, string to, bool notesMoved, int history, int grants);

        [LoggerMessage(EventId = 1232, Level = LogLevel.Warning, Message = "Guest {Guest} migrated to {To} from {From}, where it already had notes: the destination's notes were kept and the source's dropped")]
        public static partial void DestinationNotesKept(ILogger logger, string guest, string to, string from);

        [LoggerMessage(EventId = 1233, Level = LogLevel.Warning, Message = "Guest {Guest} migrated to {To}, which has not recorded it yet: its notes and rights move with the next change")]
        public static partial void DestinationUnrecorded(ILogger logger, string guest, string to);

        [LoggerMessage(EventId = 1234, Level = LogLevel.Warning, Message = "The records of guest {Guest}, migrated to {To}, could not be moved yet")]
        public static partial void NotMoved(ILogger logger, string guest, string to, Exception exception);
    }
}
