using Bunit;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Components.Pages;
using WebVirt.Web.Components.Storage;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.GuestHardwareTests;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests;

/// <summary>The Storage page's "Download image" dialog against a fake agent: who sees it, what it checks, what it sends.</summary>
public sealed class ImageDownloadDialogTests(WebAppFixture app) : GuestPanelTestContext(app), IClassFixture<WebAppFixture>
{
    private const string Pool = "images";
    private static readonly string Sum = new('a', 64);

    private IRenderedComponent<MudPopoverProvider> _popovers = null!;

    [Theory]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Operator)]
    public void Only_those_who_manage_storage_as_upload_needs_see_the_action(string role)
    {
        var page = RenderPage(role);

        Assert.Empty(page.FindAll($"[data-testid='pool-menu-{Pool}']"));
        Assert.Empty(page.FindAll($"[data-testid='pool-download-{Pool}']"));
    }

    [Fact]
    public void Bad_urls_and_sums_are_named_and_nothing_is_asked_of_the_agent()
    {
        var dialogs = OpenDialog();

        Type(dialogs, "download-url", "ftp://mirror.example/images/noble.img");
        dialogs.Find("input[data-testid='download-checksum-Pasted']").Click();
        Type(dialogs, "download-checksum", "sha512:" + Sum);
        dialogs.Find("[data-testid='download-start']").Click();

        var problems = dialogs.WaitForElement("[data-testid='download-problems']", Patience).TextContent;
        Assert.Contains("Give an http or https URL without a user name or password.", problems, StringComparison.Ordinal);
        Assert.Contains("A sum is 64 (SHA-256) or 128 (SHA-512) hexadecimal digits", problems, StringComparison.Ordinal);
        Type(dialogs, "download-url", "https://user:pw@mirror.example/noble.img");
        dialogs.Find("[data-testid='download-start']").Click();
        Assert.Contains("Give an http or https URL", dialogs.Find("[data-testid='download-problems']").TextContent, StringComparison.Ordinal);
        Assert.Empty(State.Resources.Changes);
    }

    [Fact]
    public void The_name_follows_the_url_until_typed_and_the_pasted_sum_is_sent()
    {
        var dialogs = OpenDialog();

        Type(dialogs, "download-url", "https://mirror.example/images/noble%20server.img");
        // MudTextField hands a typed value on after the input event's own render, later still under load.
        dialogs.WaitForAssertion(() => Assert.Equal("noble_server.img", dialogs.Find("input[data-testid='download-name']").GetAttribute("value")), Patience);
        dialogs.Find("input[data-testid='download-checksum-Pasted']").Click();
        Type(dialogs, "download-checksum", "sha256:" + Sum);
        dialogs.Find("[data-testid='download-start']").Click();

        dialogs.WaitForAssertion(() => Assert.Single(State.Resources.Changes), Patience);
        var request = Assert.IsType<StorageVolumeDownloadRequest>(Assert.Single(State.Resources.Changes).Argument);
        // The name was not typed: the agent derives it and may give qcow2 content a .qcow2 name.
        Assert.Equal((Pool, "https://mirror.example/images/noble%20server.img", null, "sha256:" + Sum, null), (request.Pool, request.Url, request.Name, request.Checksum, request.ChecksumUrl));
    }

    [Fact]
    public void A_typed_name_and_a_sums_file_are_sent_as_given()
    {
        var dialogs = OpenDialog();

        Type(dialogs, "download-url", "https://mirror.example/images/noble.img");
        Type(dialogs, "download-name", "mine.qcow2");
        Type(dialogs, "download-url", "https://mirror.example/images/other.img");
        dialogs.Find("input[data-testid='download-checksum-SumsFile']").Click();
        Type(dialogs, "download-checksum-url", "https://mirror.example/images/SHA256SUMS");
        dialogs.Find("[data-testid='download-start']").Click();

        dialogs.WaitForAssertion(() => Assert.Single(State.Resources.Changes), Patience);
        var request = Assert.IsType<StorageVolumeDownloadRequest>(Assert.Single(State.Resources.Changes).Argument);
        Assert.Equal(("mine.qcow2", null, "https://mirror.example/images/SHA256SUMS"), (request.Name, request.Checksum, request.ChecksumUrl));
    }

    // Authorization before anything renders, the dialog provider before the page that opens dialogs.
    private IRenderedComponent<StoragePage> RenderPage(string role, Action? beforePage = null)
    {
        ComponentFactories.AddStub<VolumeUpload>();
        SignInAs(role);
        beforePage?.Invoke();
        State.Resources.Pools = [new StoragePoolSummary(HostId, Pool, "u-1", "dir", true, true, true, 100, 40, 60, "/var/lib/libvirt/images")];
        _popovers = Render<MudPopoverProvider>();
        var page = Render<StoragePage>();
        page.WaitForElement($"[data-testid='pool-row-{Pool}']", Patience);
        return page;
    }

    private IRenderedComponent<MudDialogProvider> OpenDialog()
    {
        IRenderedComponent<MudDialogProvider> dialogs = null!;
        var page = RenderPage(Roles.Administrator, () => dialogs = RenderDialogs());
        page.Find($"[data-testid='pool-menu-{Pool}'] button").Click();
        _popovers.WaitForElement($"[data-testid='pool-download-{Pool}']", Patience).Click();
        dialogs.WaitForElement("[data-testid='download-dialog']", Patience);
        return dialogs;
    }

    // A field may appear only with the render that follows a click (the sum's field after its radio button), and a typed
    // value reaches the dialog after the input event's own render: under load both come after the call returns, so each
    // is waited for, and a click on Start afterwards acts on what was typed.
    private static void Type(IRenderedComponent<MudDialogProvider> dialogs, string testId, string text)
    {
        var field = $"[data-testid='{testId}'] input, input[data-testid='{testId}']";
        dialogs.WaitForElement(field, Patience).Input(text);
        dialogs.WaitForAssertion(() => Assert.Equal(text, dialogs.Find(field).GetAttribute("value")), Patience);
    }
}
