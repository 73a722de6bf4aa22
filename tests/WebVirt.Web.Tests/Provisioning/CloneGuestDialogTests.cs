using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Components.Shared;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.GuestHardwareTests;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests.Provisioning;

/// <summary>The clone dialog (also the wizard's "from template") against a fake agent: a cloud template asks disk size and SSH keys.</summary>
public sealed class CloneGuestDialogTests(WebAppFixture app) : GuestPanelTestContext(app), IClassFixture<WebAppFixture>
{
    private const string TemplateKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJmF3Q4dHOs3TPVGPJEj+Egt9R0xgOnxGGrD54sUSYTp alice@example";
    private const string NewKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDveO6iUht4ncnfo5aBsRS2K+Pa32uwq+NXJj2A2xT1R bob@clone";

    [Fact]
    public async Task A_cloud_template_asks_size_and_keys_prefilled_and_sends_them()
    {
        var template = CloudTemplate();
        var (dialogs, shown) = await OpenAsync(template);

        Assert.Contains("alice", dialogs.Find("[data-testid='clone-cloud']").TextContent, StringComparison.Ordinal);
        Assert.Equal("2", dialogs.Find(Input("clone-disk-size")).GetAttribute("value"));
        Assert.Equal(TemplateKey, dialogs.Find(Keys).GetAttribute("value") ?? dialogs.Find(Keys).TextContent.Trim());
        dialogs.Find(Input("clone-name")).Input("web-2");
        dialogs.Find(Input("clone-disk-size")).Input("5");
        dialogs.Find(Keys).Input(NewKey + "\n\n" + TemplateKey + "\n");
        dialogs.Find("[data-testid='clone-ok']").Click();

        Assert.Equal("web-2", await shown.WaitAsync(Patience));
        var request = Assert.Single(State.Provisioning.Cloned);
        Assert.Equal((template.Uuid, "web-2", 5L), (request.SourceUuid, request.NewName, request.DiskSizeGiB));
        Assert.Null(request.CloudInit!.HostName);
        Assert.Equal([NewKey, TemplateKey], request.CloudInit.SshKeys);
    }

    [Theory]
    [InlineData("en", "A disk cannot shrink: 1 GiB is smaller than the template's disk of 2 GiB.", "SSH key on line 1 is not a valid ssh-ed25519")]
    [InlineData("zh-Hans", "磁盘不能缩小：1 GiB 小于模板磁盘的 2 GiB。", "第 1 行的 SSH 公钥")]
    public async Task The_agents_refusals_show_at_their_fields(string culture, string sizeText, string keyText)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        State.Provisioning.CloneProblems =
        [
            new ProblemDto("DiskSizeGiB", "Clone.DiskSmaller", ["1", "2"]),
            new ProblemDto("CloudInit.SshKeys", "CloudInit.SshKeyMalformed", ["1", "ssh-ed25519"]),
            new ProblemDto("CloudInit.HostName", "CloudInit.HostNameInvalid", ["web_2"]),
        ];
        var (dialogs, shown) = await OpenAsync(CloudTemplate());

        dialogs.Find("[data-testid='clone-ok']").Click();

        // Each refusal shows under its own field: the size's, the keys' and (the host name being the name) the name's.
        dialogs.WaitForAssertion(() => Assert.Contains(sizeText, ErrorUnder(dialogs, "clone-disk-size"), StringComparison.Ordinal), Patience);
        Assert.Contains(keyText, ErrorUnder(dialogs, "clone-ssh-keys"), StringComparison.Ordinal);
        Assert.Contains("web_2", ErrorUnder(dialogs, "clone-name"), StringComparison.Ordinal);
        Assert.Empty(dialogs.FindAll("[data-testid='clone-error']"));
        Assert.False(shown.IsCompleted);
    }

    [Fact]
    public async Task A_guest_without_cloud_init_defaults_asks_only_the_name()
    {
        var guest = AddGuest("plain", GuestState.ShutOff);
        var (dialogs, shown) = await OpenAsync(guest);

        dialogs.WaitForElement("[data-testid='clone-linked']", Patience);
        Assert.Empty(dialogs.FindAll("[data-testid='clone-disk-size']"));
        Assert.Empty(dialogs.FindAll("[data-testid='clone-ssh-keys']"));
        dialogs.Find("[data-testid='clone-ok']").Click();

        Assert.Equal("plain-clone", await shown.WaitAsync(Patience));
        var request = Assert.Single(State.Provisioning.Cloned);
        Assert.Null(request.CloudInit);
        Assert.Null(request.DiskSizeGiB);
    }

    [Fact]
    public async Task Until_the_agent_has_answered_the_dialog_shows_its_progress_and_no_field_to_type_into()
    {
        var template = CloudTemplate();
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        State.Provisioning.CloudTemplateAnswer = answer;
        var (dialogs, shown) = await ShowAsync(template);

        dialogs.WaitForElement("[data-testid='clone-loading']", Patience);
        Assert.Empty(dialogs.FindAll(Input("clone-name")));
        Assert.True(dialogs.Find("[data-testid='clone-ok']").HasAttribute("disabled"));

        answer.SetResult();
        dialogs.WaitForAssertion(() => Assert.Equal("cloud-tpl-clone", dialogs.Find(Input("clone-name")).GetAttribute("value")), Patience);
        Assert.Empty(dialogs.FindAll("[data-testid='clone-loading']"));
        dialogs.Find(Input("clone-name")).Input("web-3");
        dialogs.WaitForAssertion(() => Assert.False(dialogs.Find("[data-testid='clone-ok']").HasAttribute("disabled")), Patience);
        dialogs.Find("[data-testid='clone-ok']").Click();
        Assert.Equal("web-3", await shown.WaitAsync(Patience));
    }

    private const string Keys = "[data-testid='clone-ssh-keys'] textarea, textarea[data-testid='clone-ssh-keys']";

    /// <summary>The error text MudBlazor shows under the field whose input carries <paramref name="testId"/>.</summary>
    private static string ErrorUnder(IRenderedComponent<MudDialogProvider> dialogs, string testId)
    {
        var field = dialogs.Find($"[data-testid='{testId}']").Closest(".mud-input-control");
        return field?.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent ?? "";
    }

    private GuestInfo CloudTemplate()
    {
        var template = AddGuest("cloud-tpl", GuestState.ShutOff) with { IsTemplate = true };
        State.Guests[template.Uuid] = template;
        State.Provisioning.CloudTemplates[template.Uuid] = new CloudTemplateInfo(true, "alice", [TemplateKey], 2);
        return template;
    }

    /// <summary>Opens the dialog and waits until it can be submitted (the agent has answered).</summary>
    private async Task<(IRenderedComponent<MudDialogProvider> Dialogs, Task<string?> Shown)> OpenAsync(GuestInfo source)
    {
        var (dialogs, shown) = await ShowAsync(source);
        dialogs.WaitForAssertion(() => Assert.False(dialogs.Find("[data-testid='clone-ok']").HasAttribute("disabled")), Patience);
        return (dialogs, shown);
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Dialogs, Task<string?> Shown)> ShowAsync(GuestInfo source)
    {
        SignInAs(Roles.Operator);
        var dialogs = RenderDialogs();
        var service = Services.GetRequiredService<IDialogService>();
        Task<string?> shown = null!;
        // A statement, not an expression: InvokeAsync must not wait for the dialog to close.
        await dialogs.InvokeAsync(() => { shown = CloneGuestDialog.ShowAsync(service, "Clone", source); });
        return (dialogs, shown);
    }
}
