using Bunit;
using WebVirt.Contracts;
using WebVirt.Web.Components.Pages;

namespace WebVirt.Web.Tests.Provisioning;

/// <summary>Pools and volumes as the wizard lists them, and its Next button.</summary>
internal static class WizardSamples
{
    public static StoragePoolDto Pool(string name, bool active = true) => new(name, "/" + name, active, 100L << 30, 50L << 30);

    public static StorageVolumeDto Volume(string pool, string name, string format) => new(pool, name, $"/{pool}/{name}", format, 1L << 30, 1L << 30, []);

    /// <summary>Each step is validated by a preview before the stepper moves: waits for it, then clicks Next.</summary>
    public static void Next(IRenderedComponent<CreateGuestPage> page, TimeSpan patience)
    {
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid='wizard-next']").HasAttribute("disabled")), patience);
        page.Find("[data-testid='wizard-next']").Click();
    }
}
