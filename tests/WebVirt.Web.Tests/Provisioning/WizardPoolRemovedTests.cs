using Bunit;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Components.Pages;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.GuestHardwareTests;
using WebVirt.Web.Tests.Infrastructure;
using static WebVirt.Web.Tests.Provisioning.WizardSamples;

namespace WebVirt.Web.Tests.Provisioning;

/// <summary>
/// A pool another user removes after the wizard listed the pools: picking it for the install medium
/// or for an existing disk shows libvirt's reason at the volume field and offers no volume, and the
/// page goes on (it used to stop, "this page hit an error"); picking a pool that is there lists it again.
/// </summary>
public sealed class WizardPoolRemovedTests(WebAppFixture app) : GuestPanelTestContext(app), IClassFixture<WebAppFixture>
{
    private const string Refusal = "libvirt refused (VIR_ERR_NO_STORAGE_POOL): Storage pool not found: no storage pool with matching name 'spare'";

    [Fact]
    public async Task A_removed_pool_picked_for_the_install_medium_says_why()
    {
        var page = RenderWizard();
        page.WaitForAssertion(() => Assert.Contains("debian.iso", Field(page, "wizard-source-volume")), Patience);

        State.Provisioning.RemovedPools["spare"] = true;
        await ChooseAsync(page, "wizard-source-pool", "spare");

        page.WaitForAssertion(() => Assert.Contains(Refusal, Field(page, "wizard-source-volume")), Patience);
        Assert.DoesNotContain(".iso", Field(page, "wizard-source-volume"), StringComparison.Ordinal);

        // Next: the agent finds no volume chosen; the field keeps saying why there is none.
        State.Provisioning.Problems = [new ProblemDto("Source.VolumePath", "Value.Required", ["Source.VolumePath"])];
        Next(page, Patience);
        page.WaitForElement("[data-testid='wizard-fix']", Patience);
        Assert.Contains(Refusal, Field(page, "wizard-source-volume"));
        State.Provisioning.Problems = [];

        await ChooseAsync(page, "wizard-source-pool", "images");

        page.WaitForAssertion(() => Assert.Contains("debian.iso", Field(page, "wizard-source-volume")), Patience);
        Assert.DoesNotContain("VIR_ERR_NO_STORAGE_POOL", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_removed_pool_picked_for_an_existing_disk_says_why()
    {
        var page = RenderWizard();
        page.WaitForAssertion(() => Assert.Contains("debian.iso", Field(page, "wizard-source-volume")), Patience);
        Next(page, Patience);
        Next(page, Patience);
        page.WaitForState(() => page.FindComponents<MudRadioGroup<GuestDiskKind>>().Count > 0, Patience);
        await page.InvokeAsync(() => page.FindComponent<MudRadioGroup<GuestDiskKind>>().Instance.ValueChanged.InvokeAsync(GuestDiskKind.ExistingVolume));
        page.WaitForElement("[data-testid='wizard-disk-volume']", Patience);

        State.Provisioning.RemovedPools["spare"] = true;
        await ChooseAsync(page, "wizard-disk-existing-pool", "spare");

        page.WaitForAssertion(() => Assert.Contains(Refusal, Field(page, "wizard-disk-volume")), Patience);
        await ChooseAsync(page, "wizard-disk-existing-pool", "images");
        page.WaitForAssertion(() => Assert.Contains("disk.qcow2", Field(page, "wizard-disk-volume")), Patience);
        Assert.DoesNotContain("VIR_ERR_NO_STORAGE_POOL", page.Markup, StringComparison.Ordinal);
    }

    private IRenderedComponent<CreateGuestPage> RenderWizard()
    {
        State.Provisioning.Pools = [Pool("images"), Pool("spare")];
        State.Provisioning.Volumes["images"] = [Volume("images", "debian.iso", "iso"), Volume("images", "disk.qcow2", "qcow2")];
        State.Provisioning.Volumes["spare"] = [Volume("spare", "other.iso", "iso"), Volume("spare", "other.qcow2", "qcow2")];
        SignInAs(Roles.Administrator);
        Render<MudPopoverProvider>();
        var page = Render<CreateGuestPage>();
        page.WaitForElement("[data-testid='wizard-source-pool']", Patience);
        return page;
    }

    private static async Task ChooseAsync(IRenderedComponent<CreateGuestPage> page, string testId, string value)
    {
        var select = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.UserAttributes.TryGetValue("data-testid", out var id) && Equals(id, testId));
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }

    /// <summary>A select's whole field: its value, its items (when open) and its error line.</summary>
    private static string Field(IRenderedComponent<CreateGuestPage> page, string testId) =>
        page.Find($"[data-testid='{testId}']").Closest(".mud-input-control")?.TextContent ?? "";
}
