using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Contracts;
using WebVirt.Data;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests.Migration;

/// <summary>
/// A batch stored as running, as a console that stopped midway left it, is taken up by the next
/// <see cref="MigrationBatches"/>: the guest whose task runs on its agent is followed to its end, the one not yet started
/// is started through the gateway as the user who started the batch (as that user is now), and the batch ends.
/// </summary>
public sealed class MigrationBatchResumeTests(WebAppFixture app) : MigrationTestContext(app), IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task A_running_batch_with_one_guest_pending_and_one_migrating_is_taken_up_after_a_restart_and_completes()
    {
        UseRecordingGatewayAndActors();
        var starter = await GrantedUser.CreateAsync(App.Factory, ("/", Roles.Administrator));
        var pending = AddGuest("pending", GuestState.Running);
        var moving = AddGuest("moving", GuestState.Running);
        Gateway.Answers[pending.Uuid] = ProvisioningResult.Started("t-r-pending");
        await PushTaskAsync(MigrateTask("t-r-moving", moving, AgentTaskState.Running));
        var id = await StoreRunningAsync(starter, new BatchEntry(pending, BatchStep.Queued), new BatchEntry(moving, BatchStep.Running, "t-r-moving"));

        var batches = NewInstance();
        await batches.ResumeAsync(CancellationToken.None);

        var batch = batches.Find(id)!;
        Assert.Equal(BatchState.Running, batch.State);
        await WaitUntilAsync(() => Gateway.Started.Contains("t-r-pending"));
        var (asked, choice) = Assert.Single(Gateway.Asked);
        Assert.Equal(pending.Uuid, asked.Uuid);
        Assert.Equal("h2", choice.DestinationHostId);
        await WaitUntilAsync(() => batch.Entries[0].Step == BatchStep.Running);
        await PushTaskAsync(MigrateTask("t-r-pending", pending, AgentTaskState.Succeeded));
        await PushTaskAsync(MigrateTask("t-r-moving", moving, AgentTaskState.Succeeded));
        await batch.Completion.WaitAsync(Patience);

        Assert.Equal(BatchState.Finished, batch.State);
        Assert.All(batch.Entries, entry => Assert.Equal(BatchStep.Moved, entry.Step));
        await Eventually.TrueAsync(async () => (await StoredAsync(id)).EndedAt is not null, Patience);

        // The next start lists it as ended and starts nothing again.
        var again = NewInstance();
        await again.ResumeAsync(CancellationToken.None);
        Assert.Equal(BatchState.Finished, again.Find(id)!.State);
        Assert.All(again.Find(id)!.Entries, entry => Assert.Equal(BatchStep.Moved, entry.Step));
        Assert.Single(Gateway.Asked);
    }

    [Fact]
    public async Task A_guest_the_stopped_console_was_starting_is_followed_on_its_running_task_not_migrated_again()
    {
        UseRecordingGatewayAndActors();
        var starter = await GrantedUser.CreateAsync(App.Factory, ("/", Roles.Administrator));
        var reached = AddGuest("reached", GuestState.Running);
        var unreached = AddGuest("unreached", GuestState.Running);
        // The call for the first reached its agent before the console went; for the second it did not, and the task of
        // that guest is an older migration, by somebody else.
        await PushTaskAsync(MigrateTask("t-s-reached", reached, AgentTaskState.Running) with { User = starter.Identity!.Name! });
        await PushTaskAsync(MigrateTask("t-s-old", unreached, AgentTaskState.Succeeded) with { User = "other", StartedAt = DateTimeOffset.UtcNow.AddHours(-1) });
        Gateway.Answers[unreached.Uuid] = ProvisioningResult.Started("t-s-unreached");
        var id = await StoreRunningAsync(starter, new BatchEntry(reached, BatchStep.Starting), new BatchEntry(unreached, BatchStep.Starting));

        var batches = NewInstance();
        await batches.ResumeAsync(CancellationToken.None);
        var batch = batches.Find(id)!;
        await WaitUntilAsync(() => batch.Entries.All(entry => entry.Step == BatchStep.Running));

        Assert.Equal(("t-s-reached", "t-s-unreached"), (batch.Entries[0].TaskId, batch.Entries[1].TaskId));
        Assert.Equal(unreached.Uuid, Assert.Single(Gateway.Asked).Guest.Uuid);
        await PushTaskAsync(MigrateTask("t-s-reached", reached, AgentTaskState.Succeeded) with { User = starter.Identity!.Name! });
        await PushTaskAsync(MigrateTask("t-s-unreached", unreached, AgentTaskState.Succeeded));
        await batch.Completion.WaitAsync(Patience);
        Assert.All(batch.Entries, entry => Assert.Equal(BatchStep.Moved, entry.Step));
    }

    [Fact]
    public async Task A_batch_whose_user_was_locked_out_starts_nobody_more_but_follows_the_running_guest_and_ends()
    {
        UseRecordingGatewayAndActors();
        var starter = await GrantedUser.CreateAsync(App.Factory, ("/", Roles.Administrator));
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = await users.FindByIdAsync(starter.FindFirstValue(ClaimTypes.NameIdentifier)!);
            await users.SetLockoutEnabledAsync(user!, true);
            await users.SetLockoutEndDateAsync(user!, DateTimeOffset.UtcNow.AddYears(1));
        }

        var pending = AddGuest("locked-pending", GuestState.Running);
        var moving = AddGuest("locked-moving", GuestState.Running);
        await PushTaskAsync(MigrateTask("t-l-moving", moving, AgentTaskState.Cancelled) with { Error = TaskText.Of(ErrorCodes.TaskMigrationCancelled, moving.Name) });
        var id = await StoreRunningAsync(starter, new BatchEntry(pending, BatchStep.Queued), new BatchEntry(moving, BatchStep.Running, "t-l-moving"));

        var batches = NewInstance();
        await batches.ResumeAsync(CancellationToken.None);
        var batch = batches.Find(id)!;
        await batch.Completion.WaitAsync(Patience);

        Assert.Empty(Gateway.Asked);
        Assert.Equal(BatchStep.Refused, batch.Entries[0].Step);
        Assert.Equal(ErrorCodes.Forbidden, batch.Entries[0].Refusal!.Error!.Code);
        Assert.Equal(BatchStep.Cancelled, batch.Entries[1].Step);
        Assert.Equal(BatchState.Finished, batch.State);
    }

    private MigrationBatches NewInstance() => ActivatorUtilities.CreateInstance<MigrationBatches>(Services);

    private async Task<string> StoreRunningAsync(ClaimsPrincipal starter, params BatchEntry[] entries)
    {
        var id = Guid.NewGuid().ToString("N")[..16];
        var batch = new MigrationBatch(id, starter.Identity!.Name!, null, entries, new MigrationChoice("h2", true, false, null, 0), DateTimeOffset.UtcNow, endedAt: null, cancelledBy: null)
        {
            StartedById = starter.FindFirstValue(ClaimTypes.NameIdentifier),
        };
        await Services.GetRequiredService<MigrationBatchStore>().SaveAsync(MigrationBatchRecords.ToRecord(batch), CancellationToken.None);
        return id;
    }

    private async Task<MigrationBatchRecord> StoredAsync(string id)
    {
        await using var db = await App.Factory.Services.GetRequiredService<IDbContextFactory<AgentDbContext>>().CreateDbContextAsync();
        return await db.MigrationBatches.AsNoTracking().SingleAsync(b => b.Id == id);
    }

    // Batches restore their starter through the app's own users, registered before signing in resolves services.
    private void UseRecordingGatewayAndActors()
    {
        Services.AddScoped<IBatchActors>(_ => new AppActors(App.Factory.Services));
        UseRecordingGateway();
    }

    /// <summary>The web app's own <see cref="IBatchActors"/> (its users and tokens), in a scope of the app.</summary>
    private sealed class AppActors(IServiceProvider app) : IBatchActors
    {
        public async Task<ClaimsPrincipal?> RestoreAsync(string? userId, Guid? tokenId, CancellationToken cancellationToken)
        {
            await using var scope = app.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IBatchActors>().RestoreAsync(userId, tokenId, cancellationToken);
        }
    }
}
