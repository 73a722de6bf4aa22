using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Components.Guest;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests.Migration;

/// <summary>
/// The guest page's Migrate dialog against a recording gateway (the real two-agent path runs in the E2E tests): a live
/// migration's task says the guest arrived as soon as the destination resumed it, and the dialog says it runs there at
/// once, with the way to open it there and no Cancel, while the task still stops the source's copy.
/// </summary>
public sealed class MigrateGuestDialogTests(WebAppFixture app) : MigrationTestContext(app), IClassFixture<WebAppFixture>
{
    [Theory]
    [InlineData("en", "web now runs on beta.", "Stopping its old copy on the source host…")]
    [InlineData("zh-Hans", "web 现在运行在 beta 上。", "正在停止源主机上的旧副本…")]
    public async Task The_guest_is_said_to_run_on_the_destination_once_it_arrived_while_the_source_is_still_cleaned_up(string culture, string done, string stopping)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        UseRecordingGateway();
        await SharePoolAsync();
        var web = AddGuestOnSharedPool("web", GuestState.Running);
        Gateway.Answers[web.Uuid] = ProvisioningResult.Started("t-live");

        var dialogs = RenderDialogs();
        await dialogs.InvokeAsync(() => { _ = MigrateGuestDialog.ShowAsync(Services.GetRequiredService<IDialogService>(), "Migrate", web); });
        dialogs.WaitForElement("[data-testid='migrate-disk-vda']", Patience);
        dialogs.WaitForAssertion(() => Assert.False(dialogs.Find("[data-testid='migrate-start']").HasAttribute("disabled")), Patience);
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid='migrate-start']").Click());
        dialogs.WaitForAssertion(() => Assert.Single(Gateway.Started), Patience);

        var streaming = new MigrationProgress(50_000_000, 100_000_000, 50_000_000, 60_000_000, 300, 1_000);
        await PushTaskAsync(MigrateTask("t-live", web, AgentTaskState.Running) with { Migration = streaming, Cancellable = true });
        dialogs.WaitForElement("[data-testid='migrate-cancel']", Patience);
        Assert.Empty(dialogs.FindAll("[data-testid='migrate-result']"));
        Assert.Empty(dialogs.FindAll("[data-testid='migrate-open']"));

        await PushTaskAsync(MigrateTask("t-live", web, AgentTaskState.Running) with { Migration = streaming with { Arrived = true } });
        dialogs.WaitForAssertion(() => Assert.Equal(done, dialogs.Find("[data-testid='migrate-result']").TextContent.Trim()), Patience);
        Assert.Equal(stopping, dialogs.Find("[data-testid='migrate-status']").TextContent.Trim());
        Assert.NotEmpty(dialogs.FindAll("[data-testid='migrate-open']"));
        Assert.Empty(dialogs.FindAll("[data-testid='migrate-cancel']"));

        await PushTaskAsync(MigrateTask("t-live", web, AgentTaskState.Succeeded) with { Migration = streaming with { Arrived = true } });
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid='migrate-status']")), Patience);
        Assert.Equal(done, dialogs.Find("[data-testid='migrate-result']").TextContent.Trim());
        Assert.NotEmpty(dialogs.FindAll("[data-testid='migrate-open']"));
    }
}
