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
public sealed partial class GuestRecordsFollower : IHostedService, IDisposable
{
    public const string MigrateKind = "migrate";
    public const string AuditMoved = "guest-records-moved";

    private readonly AgentConnections _agents;
    private readonly GuestNotesStore _notes;
    private readonly InventoryRecorder _recorder;
    private readonly IDbContextFactory<WebDbContext> _contexts;
    private readonly RightsEvaluator _evaluator;
    private readonly GuestTagIndex _tags;
    private readonly AuditLog _audit;
    private readonly ILogger<GuestRecordsFollower> _logger;
    private readonly Lock _lock = new();
    private readonly HashSet<string> _handled = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _running = new(1, 1);
    private IDisposable? _subscription;

    public GuestRecordsFollower(
        AgentConnections agents,
        GuestNotesStore notes,
        InventoryRecorder recorder,
        IDbContextFactory<WebDbContext> contexts,
        RightsEvaluator evaluator,
        GuestTagIndex tags,
        AuditLog audit,
        ILogger<GuestRecordsFollower> logger)
    {
        _agents = agents;
        _notes = notes;
        _recorder = recorder;
        _contexts = contexts;
        _evaluator = evaluator;
        _tags = tags;
        _audit = audit;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = _agents.Subscribe(change =>
        {
            if (change == InventoryChange.State)
            {
                _ = FollowAsync();
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _running.Dispose();
    }

    /// <summary>The destination a finished migration task names (its last line says where the guest went), or null.</summary>
    public static string? DestinationOf(AgentTaskInfo task) =>
        task is { Kind: MigrateKind, State: AgentTaskState.Succeeded, TargetUuid: not null }
        && task.Log.LastOrDefault(line => line.Text.Code == ErrorCodes.TaskMigrated) is { Text.Args: [_, var host, ..] }
        && !string.IsNullOrWhiteSpace(host) && host != task.HostId
            ? host
            : null;

    /// <summary>Moves the records of the guests whose migration succeeded since the last call; each task once.</summary>
    public async Task FollowAsync()
    {
        var due = new List<(AgentTaskInfo Task, string Destination)>();
        lock (_lock)
        {
            foreach (var task in _agents.Tasks)
            {
                if (DestinationOf(task) is { } destination && _handled.Add(Key(task)))
                {
                    due.Add((task, destination));
                }
            }
        }

        // Even with nothing new, waits for a run in progress: on return, every task seen so far is handled.
        await _running.WaitAsync();
        try
        {
            foreach (var (task, destination) in due)
            {
                if (!await MoveAsync(task, destination))
                {
                    // Tried again with the next change: every step is safe to repeat.
                    lock (_lock)
                    {
                        _handled.Remove(Key(task));
                    }
                }
            }
        }
        finally
        {
            _running.Release();
        }
    }

    private static string Key(AgentTaskInfo task) => task.HostId + "/" + task.TaskId;

    private async Task<bool> MoveAsync(AgentTaskInfo task, string destination)
    {
        var uuid = task.TargetUuid!.ToLowerInvariant();
        if (!Guid.TryParse(uuid, out var key))
        {
            return true;
        }

        try
        {
            var moved = await _notes.MoveAsync(task.HostId, destination, key, CancellationToken.None);
            if (moved is null)
            {
                // The destination's inventory may not have recorded the arrived guest yet.
                await _recorder.SyncNowAsync(destination, CancellationToken.None);
                moved = await _notes.MoveAsync(task.HostId, destination, key, CancellationToken.None);
            }

            if (moved is null)
            {
                Log.DestinationUnrecorded(_logger, task.Target, destination);
                return false;
            }

            if (moved.DestinationNotesKept)
            {
                Log.DestinationNotesKept(_logger, task.Target, destination, task.HostId);
            }

            _tags.Record(task.HostId, uuid, GuestNotes.Empty);
            _tags.Record(destination, uuid, moved.Notes is { } n ? new GuestNotes(n.Description, [.. n.Tags], n.UpdatedBy, n.UpdatedAt) : GuestNotes.Empty);
            var grants = await MoveGrantsAsync(task.HostId, destination, uuid);
            _evaluator.Invalidate();

            // A task handled again after the web's restart finds nothing left to move, and writes no second entry.
            if (moved.ChangedAnything || grants > 0)
            {
                await _audit.WriteAsync(new AuditEntry
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

            Log.Moved(_logger, task.Target, task.HostId, destination, moved.NotesMoved, moved.HistoryCopied, grants);
            return true;
        }
        catch (Exception ex) when (ex is DbUpdateException or Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
            Log.NotMoved(_logger, task.Target, destination, ex);
            return false;
        }
    }

    /// <summary>Re-points the grants on the source's guest path; one the destination's path already has just loses its copy (an owner flag carried over).</summary>
    private async Task<int> MoveGrantsAsync(string fromHostId, string toHostId, string uuid)
    {
        var from = RightsPath.Guest(fromHostId, uuid).ToString();
        var to = RightsPath.Guest(toHostId, uuid).ToString();
        await using var db = await _contexts.CreateDbContextAsync();
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
