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
public sealed partial class GuestOwnership(
    AgentConnections agents, IDbContextFactory<WebDbContext> contexts, RightsEvaluator evaluator, TimeProvider time, ILogger<GuestOwnership> logger)
    : TaskOutcomeWatcher(agents)
{
    public const string CreateKind = "create";
    public const string CloneKind = "clone";
    public const string DeleteKind = "delete";

    /// <summary>Records the owners of the tasks that named a new guest (and drops those of deleted guests) since the last call.</summary>
    public Task RecordAsync() => HandleDueAsync();

    protected override async Task<IReadOnlyCollection<AgentTaskInfo>> HandleAsync(IReadOnlyList<AgentTaskInfo> due)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync();
            foreach (var task in due)
            {
                await ApplyAsync(db, task);
            }

            await db.SaveChangesAsync();
            evaluator.Invalidate();
            return [];
        }
        catch (Exception ex) when (ex is DbUpdateException or Npgsql.NpgsqlException or InvalidOperationException)
        {
            // Tried again with the next tasks' change; the grants are idempotent.
            OwnerNotRecorded(logger, ex);
            return due;
        }
    }

    protected override bool IsDue(AgentTaskInfo task) => task.TargetUuid is not null && task.Kind switch
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
            CreatedAt = time.GetUtcNow(),
            CreatedBy = task.User,
        });
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Could not record the owners of new guests")]
    private static partial void OwnerNotRecorded(ILogger logger, Exception exception);
}
