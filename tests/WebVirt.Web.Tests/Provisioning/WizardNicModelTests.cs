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
/// The wizard's Network step says which card the guest will actually get, as the agent's preview
/// names it (the agent applies GuestDeviceModels; the fake stands in for a Windows guest without the
/// driver disk), and reads it again when the user comes back to the step.
/// </summary>
public sealed class WizardNicModelTests(WebAppFixture app) : GuestPanelTestContext(app), IClassFixture<WebAppFixture>
{
    private const int NetworkStep = 3;

    [Fact]
    public void The_network_step_names_the_card_the_guest_gets_when_it_is_not_the_chosen_one()
    {
        State.Provisioning.Networks = [new NetworkDto("default", true, "virbr0")];
        State.Provisioning.PreviewNicModel = spec => spec.NicModel;
        SignInAs(Roles.Administrator);
        Render<MudPopoverProvider>();
        var page = Render<CreateGuestPage>();
        page.WaitForElement("[data-testid='wizard-next']", Patience);

        for (int step = 0; step < NetworkStep; step++)
        {
            Next(page, Patience);
        }

        page.WaitForElement("[data-testid='wizard-mac']", Patience);
        Assert.Empty(page.FindAll("[data-testid='wizard-nic-effective']"));

        // Windows without the driver disk: the agent's preview says the virtio card becomes an Intel one.
        State.Provisioning.PreviewNicModel = spec => spec.NicModel == "virtio" && spec.DriversIsoPath is null ? "e1000e" : spec.NicModel;
        Next(page, Patience);
        // Back is disabled while the step's preview runs, and a click on it then is lost: wait for the next step.
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid='wizard-mac']")), Patience);
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid='wizard-back']").HasAttribute("disabled")), Patience);
        page.Find("[data-testid='wizard-back']").Click();

        page.WaitForAssertion(() => Assert.Equal(
            "Windows has no driver for a virtio card without the virtio driver disk: this guest gets an e1000e card, which Windows drives out of the box.",
            page.Find("[data-testid='wizard-nic-effective']").TextContent.Trim()), Patience);
        Assert.All(State.Provisioning.Previewed, spec => Assert.Equal("virtio", spec.NicModel));
    }
}
