using Microsoft.EntityFrameworkCore;
using WebVirt.Contracts;
using WebVirt.Web.Data;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Agents.Records;

/// <summary>
/// Makes the user who created or cloned a guest (wizard, clone, API: the task's user) its owner: an owner
/// grant of the Operator role on the guest's path, in the rights_grants table, once the agent's task names
/// the new guest's UUID. The owner grant goes when the guest is deleted through WebVirt.
/// </summary>
public sealed partial class GuestOwnership : IHostedService, IDisposable
{
    public const string CreateKind = "create";
    public const string CloneKind = "clone";
    public const string DeleteKind = "delete";

    private readonly AgentConnections _agents;
    private readonly IDbContextFactory<WebDbContext> _contexts;
    private readonly RightsEvaluator _evaluator;
    private readonly TimeProvider _time;
    private readonly ILogger<GuestOwnership> _logger;
    private readonly Lock _lock = new();
    private readonly HashSet<string> _handled = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _running = new(1, 1);
    private IDisposable? _subscription;

    public GuestOwnership(AgentConnections agents, IDbContextFactory<WebDbContext> contexts, RightsEvaluator evaluator, TimeProvider time, ILogger<GuestOwnership> logger)
    {
        _agents = agents;
        _contexts = contexts;
        _evaluator = evaluator;
        _time = time;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = _agents.Subscribe(change =>
        {
            if (change == InventoryChange.State)
            {
                _ = RecordAsync();
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

    /// <summary>Records the owners of the tasks that named a new guest (and drops those of deleted guests) since the last call.</summary>
    public async Task RecordAsync()
    {
        var due = new List<AgentTaskInfo>();
        lock (_lock)
        {
            foreach (var task in _agents.Tasks)
            {
                if (task.TargetUuid is not null && IsDue(task) && _handled.Add(task.HostId + "/" + task.TaskId))
                {
                    due.Add(task);
                }
            }
        }

        if (due.Count == 0)
        {
            return;
        }

        await _running.WaitAsync();
        try
        {
            await using var db = await _contexts.CreateDbContextAsync();
            foreach (var task in due)
            {
                await ApplyAsync(db, task);
            }

            await db.SaveChangesAsync();
            _evaluator.Invalidate();
        }
        catch (Exception ex) when (ex is DbUpdateException or Npgsql.NpgsqlException or InvalidOperationException)
        {
            // Tried again with the next tasks' change; the grants are idempotent.
            lock (_lock)
            {
                _handled.ExceptWith(due.Select(task => task.HostId + "/" + task.TaskId));
            }

            OwnerNotRecorded(_logger, ex);
        }
        finally
        {
            _running.Release();
        }
    }

    private static bool IsDue(AgentTaskInfo task) => task.Kind switch
    {
        CreateKind or CloneKind => true,
        DeleteKind => task.State == AgentTaskState.Succeeded,
        _ => false,
    };

    private async Task ApplyAsync(WebDbContext db, AgentTaskInfo task)
    {
        var path = RightsPath.Guest(task.HostId, task.TargetUuid!).ToString();
        if (task.Kind == DeleteKind)
        {
            await db.RightsGrants.Where(g => g.Path == path && g.IsOwner).ExecuteDeleteAsync();
            return;
        }

        var userId = await db.Users.Where(u => u.UserName == task.User).Select(u => u.Id).SingleOrDefaultAsync();
        if (userId is null || await db.RightsGrants.AnyAsync(g => g.UserId == userId && g.Path == path && g.Role == Roles.Operator))
        {
            return;
        }

        db.RightsGrants.Add(new RightsGrant
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Path = path,
            Role = Roles.Operator,
            IsOwner = true,
            CreatedAt = _time.GetUtcNow(),
            CreatedBy = task.User,
        });
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Could not record the owners of new guests")]
    private static partial void OwnerNotRecorded(ILogger logger, Exception exception);
}
