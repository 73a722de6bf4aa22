using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Contracts;
using WebVirt.Data;
using WebVirt.Web.Agents.Records;
using WebVirt.Web.Audit;
using WebVirt.Web.Data;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests.GuestPage;

/// <summary>
/// A migration task pushed by the source host's agent: when it succeeded, the guest's notes, tags, history and
/// grants (the owner's included) follow it to the destination, once; when it failed, they stay where they are.
/// </summary>
[Collection(GuestPageCollection.Name)]
public sealed class GuestRecordsFollowTests(GuestPageFixture fixture)
{
    private IServiceProvider Services => fixture.Factory.Services;

    [Fact]
    public async Task A_finished_migration_moves_notes_tags_and_grants_once_and_a_failed_one_moves_nothing()
    {
        var details = await fixture.AddGuestAsync("wvt-follow-" + Guid.NewGuid().ToString("N")[..6],
            shape: d => d with { Notes = new GuestNotes("web server", ["wvt-follow-prod"], "alice") });
        var uuid = details.Guest.Uuid;
        var key = Guid.Parse(uuid);
        var destination = "wvt-follow-b-" + Guid.NewGuid().ToString("N")[..6];
        var store = Services.GetRequiredService<InventoryStore>();
        await store.EnsureHostAsync(destination, "hv-b", "10.0.0", "9.2.0", CancellationToken.None);
        await store.SyncGuestsAsync(destination, [details.Guest with { HostId = destination }], DateTimeOffset.UtcNow, CancellationToken.None);
        var (ownerId, viewerId) = (await NewUserAsync(), await NewUserAsync());
        var source = RightsPath.Guest(GuestPageFixture.HostId, uuid).ToString();
        var target = RightsPath.Guest(destination, uuid).ToString();
        await AddGrantsAsync(new RightsGrant { Id = Guid.NewGuid(), UserId = ownerId, Path = source, Role = Roles.Operator, IsOwner = true, CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "test" },
            new RightsGrant { Id = Guid.NewGuid(), UserId = viewerId, Path = source, Role = Roles.Viewer, CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "test" });
        var follower = Services.GetRequiredService<GuestRecordsFollower>();
        var notes = Services.GetRequiredService<GuestNotesStore>();

        await PushAsync(Migration(details.Guest, destination, AgentTaskState.Failed));
        await follower.FollowAsync();

        Assert.Equal("web server", (await notes.GetAsync(GuestPageFixture.HostId, key, CancellationToken.None))!.Description);
        Assert.Null(await notes.GetAsync(destination, key, CancellationToken.None));
        Assert.Equal([source, source], await PathsOfAsync(ownerId, viewerId));

        var succeeded = Migration(details.Guest, destination, AgentTaskState.Succeeded);
        await PushAsync(succeeded);
        await PushAsync(succeeded);
        await follower.FollowAsync();

        // The web's own follower may be the one handling the pushes: wait for its audit entry.
        var audit = Services.GetRequiredService<AuditLog>();
        await Eventually.TrueAsync(
            async () => (await audit.ForGuestAsync(destination, uuid, 10)).Any(entry => entry.Action == GuestRecordsFollower.AuditMoved),
            TimeSpan.FromSeconds(20));

        Assert.Null(await notes.GetAsync(GuestPageFixture.HostId, key, CancellationToken.None));
        var moved = await notes.GetAsync(destination, key, CancellationToken.None);
        Assert.Equal(("web server", "wvt-follow-prod"), (moved!.Description, string.Join(',', moved.Tags)));
        Assert.Equal([target, target], await PathsOfAsync(ownerId, viewerId));
        await using (var db = await Services.GetRequiredService<IDbContextFactory<WebDbContext>>().CreateDbContextAsync())
        {
            Assert.True(await db.RightsGrants.AnyAsync(g => g.UserId == ownerId && g.Path == target && g.IsOwner));
        }

        var tags = Services.GetRequiredService<GuestTagIndex>();
        Assert.Equal(["wvt-follow-prod"], tags.TagsOf(destination, uuid));
        Assert.Empty(tags.TagsOf(GuestPageFixture.HostId, uuid));
        var history = await Services.GetRequiredService<InventoryStore>().GetHistoryAsync(destination, uuid, 10, CancellationToken.None);
        Assert.True(history.Count >= 2, $"history on the destination: {history.Count} entries");
        await follower.FollowAsync();
        Assert.Single(await audit.ForGuestAsync(destination, uuid, 10), entry => entry.Action == GuestRecordsFollower.AuditMoved);
    }

    private static AgentTaskInfo Migration(GuestInfo guest, string destination, AgentTaskState state)
    {
        var now = DateTimeOffset.UtcNow;
        var last = state == AgentTaskState.Succeeded
            ? TaskText.Of(ErrorCodes.TaskMigrated, guest.Name, destination)
            : TaskText.Of(ErrorCodes.TaskFailedMigration);
        return new AgentTaskInfo("wvt-follow-" + Guid.NewGuid().ToString("N")[..8], GuestPageFixture.HostId, GuestRecordsFollower.MigrateKind, guest.Name, guest.Uuid,
            state, 100, 0, [new TaskLogEntry(now, TaskText.Of(ErrorCodes.TaskMigrationStartingLive, guest.Name, destination)), new TaskLogEntry(now, last)],
            "alice", now, now, state == AgentTaskState.Succeeded ? null : last);
    }

    private async Task PushAsync(AgentTaskInfo task)
    {
        fixture.Agent.State.Provisioning.Tasks[task.TaskId] = task;
        await fixture.Agent.Hub.Clients.All.TaskChanged(task);
        await GuestPageFixture.EventuallyAsync(() => fixture.Agents.Tasks.Any(t => t.TaskId == task.TaskId));
    }

    private async Task<string> NewUserAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var user = new IdentityUser("wvt-follow-" + Guid.NewGuid().ToString("N")[..10]);
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().CreateAsync(user)).Succeeded);
        return user.Id;
    }

    private async Task AddGrantsAsync(params RightsGrant[] grants)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<WebDbContext>>().CreateDbContextAsync();
        db.RightsGrants.AddRange(grants);
        await db.SaveChangesAsync();
    }

    private async Task<List<string>> PathsOfAsync(string ownerId, string viewerId)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<WebDbContext>>().CreateDbContextAsync();
        return [.. await db.RightsGrants.Where(g => g.UserId == ownerId || g.UserId == viewerId).OrderBy(g => g.Role).Select(g => g.Path).ToListAsync()];
    }
}
