using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Components.Guest;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests.Migration;

/// <summary>
/// Bulk migrate and evacuate against a recording migration gateway (the real two-agent path runs in the E2E test):
/// the dialog lists the guests before anything moves, each guest goes through the gateway on its own, at most
/// <see cref="MigrationBatches.MaxConcurrent"/> at once, and a refusal shows on its guest without stopping the others;
/// the batch runs on the server, so it goes on when the dialog closes, a page's banner opens it again, and Cancel stops it.
/// </summary>
public sealed class MigrationBatchDialogTests(WebAppFixture app) : MigrationTestContext(app), IClassFixture<WebAppFixture>
{
    [Theory]
    [InlineData("en", "Refused", "is not running", "3 of 3 done: 1 moved, 2 not moved")]
    [InlineData("zh-Hans", "被拒绝", "未在运行", "已完成 3/3：已迁移 1 台，未迁移 2 台")]
    public async Task Each_guest_moves_on_its_own_and_a_refusal_shows_on_its_row_without_stopping_the_others(string culture, string refused, string reason, string overall)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        UseRecordingGateway();
        await SharePoolAsync();
        var off = AddGuestOnSharedPool("off", GuestState.ShutOff);
        var web = AddGuestOnSharedPool("web", GuestState.Running);
        var odd = AddGuestOnSharedPool("odd", GuestState.Running);
        Gateway.Answers[off.Uuid] = ProvisioningResult.Fail(ErrorCodes.MigrationNotRunning, off.Name);
        Gateway.Answers[odd.Uuid] = ProvisioningResult.Fail(ErrorCodes.MigrationCpuIncompatible, "Icelake", "beta");
        Gateway.Answers[web.Uuid] = ProvisioningResult.Started("t-web");
        var dialogs = await OpenAsync(service => MigrationBatchDialog.ShowAsync(service, "Migrate", [off, web, odd]));

        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid='batch-start']").Click());

        dialogs.WaitForAssertion(() => Assert.Contains(refused, dialogs.Find("[data-testid='batch-guest-off']").TextContent, StringComparison.Ordinal), Patience);
        dialogs.WaitForAssertion(() => Assert.Contains("Icelake", dialogs.Find("[data-testid='batch-guest-odd']").TextContent, StringComparison.Ordinal), Patience);
        Assert.Contains(reason, dialogs.Find("[data-testid='batch-guest-off'] [data-testid='batch-reason']").TextContent, StringComparison.Ordinal);
        await PushTaskAsync(MigrateTask("t-web", web, AgentTaskState.Succeeded));

        dialogs.WaitForAssertion(() => Assert.Equal(overall, dialogs.Find("[data-testid='batch-overall']").TextContent.Trim()), Patience);
        Assert.Empty(dialogs.FindAll("[data-testid='batch-guest-web'] [data-testid='batch-reason']"));
        Assert.Equal(["off", "web", "odd"], Gateway.Asked.Select(c => c.Guest.Name));
        Assert.All(Gateway.Asked, c => Assert.Equal(("h2", true, false), (c.Choice.DestinationHostId, c.Choice.Live, c.Choice.CopyStorage)));
        Assert.InRange(Gateway.MostAtOnce, 1, MigrationBatches.MaxConcurrent);
    }

    [Fact]
    public async Task Evacuate_lists_the_running_guests_before_anything_moves_and_defaults_to_the_host_with_the_most_free_memory()
    {
        UseRecordingGateway();
        await SharePoolAsync();
        var web = AddGuestOnSharedPool("web", GuestState.Running);
        var db = AddGuestOnSharedPool("db", GuestState.Paused);
        var stopped = AddGuestOnSharedPool("stopped", GuestState.ShutOff);
        foreach (var guest in new[] { web, db, stopped })
        {
            await PushGuestAsync(guest);
        }

        var connections = Services.GetRequiredService<AgentConnections>();
        await WaitUntilAsync(() => connections.GuestsOf(HostId).Count == 3);
        Gateway.Answers[web.Uuid] = ProvisioningResult.Started("t-ev-web");
        Gateway.Answers[db.Uuid] = ProvisioningResult.Started("t-ev-db");

        IReadOnlyList<GuestInfo> running = [];
        var dialogs = await OpenAsync(service =>
        {
            running = Services.GetRequiredService<MigrationBatchRunner>().RunningOn(HostId);
            return MigrationBatchDialog.ShowEvacuationAsync(service, "Evacuate", HostId, running);
        });

        // The confirmation: exactly the running (and paused) guests, nothing asked of the gateway yet, live only, the roomier host first.
        Assert.Equal(["db", "web"], running.Select(g => g.Name));
        Assert.Equal(2, dialogs.FindAll("[data-testid^='batch-guest-']").Count);
        Assert.Empty(dialogs.FindAll("[data-testid='batch-guest-stopped']"));
        Assert.Empty(Gateway.Asked);
        Assert.Contains("Evacuate 2 guests", dialogs.Find("[data-testid='batch-start']").TextContent, StringComparison.Ordinal);
        Assert.True(dialogs.Find("input[data-testid='migrate-offline'], [data-testid='migrate-offline'] input").HasAttribute("disabled"));

        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid='batch-start']").Click());
        dialogs.WaitForAssertion(() => Assert.Equal(2, Gateway.Asked.Count), Patience);
        Assert.All(Gateway.Asked, c => Assert.Equal(("h3", true), (c.Choice.DestinationHostId, c.Choice.Live)));
        await PushTaskAsync(MigrateTask("t-ev-db", db, AgentTaskState.Succeeded));
        await PushTaskAsync(MigrateTask("t-ev-web", web, AgentTaskState.Failed) with { Error = TaskText.Of(ErrorCodes.TaskFailedMigration, "boom") });
        dialogs.WaitForAssertion(() => Assert.Equal("2 of 2 done: 1 moved, 1 not moved", dialogs.Find("[data-testid='batch-overall']").TextContent.Trim()), Patience);
        Assert.Contains("Failed", dialogs.Find("[data-testid='batch-guest-web']").TextContent, StringComparison.Ordinal);
        Assert.Contains("Moved", dialogs.Find("[data-testid='batch-guest-db']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_guest_whose_disks_cannot_be_read_is_named_and_nothing_moves()
    {
        UseRecordingGateway();
        await SharePoolAsync();
        var web = AddGuestOnSharedPool("web", GuestState.Running);
        var lost = AddGuest("lost", GuestState.Running);
        var dialogs = await OpenAsync(service => MigrationBatchDialog.ShowAsync(service, "Migrate", [web, lost]));
        dialogs.WaitForAssertion(() => Assert.Contains("stays in place", dialogs.Find("[data-testid='migrate-disks-of-web']").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(dialogs.FindAll("[data-testid='migrate-pool']"));

        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid='batch-start']").Click());

        dialogs.WaitForAssertion(() => Assert.Contains("lost: The guest's disks could not be read", dialogs.Find("[data-testid='migrate-problems']").TextContent, StringComparison.Ordinal), Patience);
        await Task.Delay(300);
        Assert.Empty(Gateway.Asked);
        Assert.Empty(dialogs.FindAll("[data-testid='batch-overall']"));
    }

    [Theory]
    [InlineData("en", "Migrating guests to h2: 0 of 1 done.", "1 of 1 done: 1 moved, 0 not moved")]
    [InlineData("zh-Hans", "正在将虚拟机迁移到 h2：已完成 0/1。", "已完成 1/1：已迁移 1 台，未迁移 0 台")]
    public async Task A_batch_goes_on_when_its_dialog_closes_and_the_banner_opens_it_again(string culture, string banner, string overall)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        UseRecordingGateway();
        await SharePoolAsync();
        var web = AddGuestOnSharedPool("web", GuestState.Running);
        Gateway.Answers[web.Uuid] = ProvisioningResult.Started("t-bg-web");
        var dialogs = await OpenAsync(service => MigrationBatchDialog.ShowAsync(service, "Migrate", [web]));

        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid='batch-start']").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("t-bg-web", Gateway.Started), Patience);
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid='batch-close']").Click());
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid='batch-dialog']")), Patience);

        // The server's batch, not the dialog's: still running with the dialog gone, and shown by a page opened now.
        var batch = Assert.Single(Services.GetRequiredService<MigrationBatches>().All);
        Assert.Equal(BatchState.Running, batch.State);
        Assert.Equal("panel-administrator", batch.StartedBy);
        var page = Render<MigrationBatchBanner>();
        page.WaitForAssertion(() => Assert.Equal(banner, page.Find("[data-testid='batch-banner-text']").TextContent.Trim()), Patience);
        await page.InvokeAsync(() => page.Find("[data-testid='batch-banner-show']").Click());
        dialogs.WaitForAssertion(() => Assert.Contains(culture == "en" ? "Migrating" : "迁移中", dialogs.Find("[data-testid='batch-guest-web']").TextContent, StringComparison.Ordinal), Patience);
        Assert.Contains("h2", dialogs.Find("[data-testid='batch-summary']").TextContent, StringComparison.Ordinal);
        Assert.Empty(dialogs.FindAll("[data-testid='batch-start']"));

        await PushTaskAsync(MigrateTask("t-bg-web", web, AgentTaskState.Succeeded));

        dialogs.WaitForAssertion(() => Assert.Equal(overall, dialogs.Find("[data-testid='batch-overall']").TextContent.Trim()), Patience);
        // The last guest's row changes just before the batch ends.
        await batch.Completion.WaitAsync(Patience);
        Assert.Equal(BatchState.Finished, batch.State);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid='batch-banner-text']")), Patience);
    }

    [Fact]
    public async Task Cancel_stops_starting_guests_and_cancels_the_running_migrations_through_the_gateway()
    {
        UseRecordingGateway();
        await SharePoolAsync();
        var a = AddGuestOnSharedPool("a", GuestState.Running);
        var b = AddGuestOnSharedPool("b", GuestState.Running);
        var c = AddGuestOnSharedPool("c", GuestState.Running);
        Gateway.Answers[a.Uuid] = ProvisioningResult.Started("t-c-a");
        Gateway.Answers[b.Uuid] = ProvisioningResult.Started("t-c-b");
        Gateway.Answers[c.Uuid] = ProvisioningResult.Started("t-c-c");
        var dialogs = await OpenAsync(service => MigrationBatchDialog.ShowAsync(service, "Migrate", [a, b, c]));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid='batch-start']").Click());
        dialogs.WaitForAssertion(() => Assert.All(new[] { "a", "b" }, name => Assert.Contains("Migrating", dialogs.Find($"[data-testid='batch-guest-{name}']").TextContent, StringComparison.Ordinal)), Patience);

        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid='batch-cancel']").Click());

        // The agent ends a cancelled migration as cancelled, the guest still on its host; one that failed meanwhile stays failed.
        dialogs.WaitForAssertion(() => Assert.Equal(["t-c-a", "t-c-b"], Gateway.Cancelled.Order(StringComparer.Ordinal)), Patience);
        await PushTaskAsync(MigrateTask("t-c-a", a, AgentTaskState.Cancelled) with { Error = TaskText.Of(ErrorCodes.TaskMigrationCancelled, "a") });
        await PushTaskAsync(MigrateTask("t-c-b", b, AgentTaskState.Failed) with { Error = TaskText.Of(ErrorCodes.TaskFailedMigration, "boom") });
        dialogs.WaitForAssertion(() => Assert.Equal("3 of 3 done: 0 moved, 3 not moved", dialogs.Find("[data-testid='batch-overall']").TextContent.Trim()), Patience);
        Assert.Contains("Cancelled", dialogs.Find("[data-testid='batch-guest-a'] [data-testid='batch-step']").TextContent, StringComparison.Ordinal);
        Assert.Contains("Migration cancelled: guest a stays on this host", dialogs.Find("[data-testid='batch-guest-a']").TextContent, StringComparison.Ordinal);
        Assert.Contains("Failed", dialogs.Find("[data-testid='batch-guest-b'] [data-testid='batch-step']").TextContent, StringComparison.Ordinal);
        var steps = Services.GetRequiredService<MigrationBatches>().All.Single().Entries.ToDictionary(entry => entry.Guest.Name, entry => entry.Step);
        Assert.Equal(BatchStep.Cancelled, steps["a"]);
        Assert.Equal(BatchStep.Failed, steps["b"]);
        Assert.Contains("Not started", dialogs.Find("[data-testid='batch-guest-c']").TextContent, StringComparison.Ordinal);
        Assert.Contains("Cancelled by panel-administrator", dialogs.Find("[data-testid='batch-cancelled']").TextContent, StringComparison.Ordinal);
        Assert.Equal(["a", "b"], Gateway.Asked.Select(x => x.Guest.Name).Order(StringComparer.Ordinal));
        Assert.Empty(dialogs.FindAll("[data-testid='batch-cancel']"));
        var batch = Assert.Single(Services.GetRequiredService<MigrationBatches>().All);
        await batch.Completion.WaitAsync(Patience);
        Assert.Equal(BatchState.Cancelled, batch.State);
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(Func<IDialogService, Task<IDialogReference>> show)
    {
        var dialogs = RenderDialogs();
        var service = Services.GetRequiredService<IDialogService>();
        await dialogs.InvokeAsync(() => { _ = show(service); });
        dialogs.WaitForElement("[data-testid='batch-start']", Patience);
        // The form has read the guests' disks (what is copied decides the choice).
        dialogs.WaitForElement("[data-testid='migrate-disk-vda']", Patience);
        // Start is enabled only then: before, a click could make no choice.
        dialogs.WaitForAssertion(() => Assert.False(dialogs.Find("[data-testid='batch-start']").HasAttribute("disabled")), Patience);
        return dialogs;
    }
}
