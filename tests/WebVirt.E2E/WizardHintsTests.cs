using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>
/// The creation wizard's URL hint and its answers to what a user pastes: examples for the chosen OS,
/// a Debian mirror's root accepted (on a loopback mirror laid out as Debian's), and memory 0
/// refused with one message instead of being moved to 64 MiB.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class WizardHintsTests(E2EFixture fixture)
{
    private const string Netboot = "debian/dists/bullseye/main/installer-amd64/current/images/netboot/debian-installer/amd64/";

    [Fact]
    public async Task The_url_hint_shows_the_chosen_os_tree_and_mirror_root_a_mirror_root_passes_and_memory_0_is_refused()
    {
        await using var mirror = new InstallTreeServer(new()
        {
            [Netboot + "linux"] = () => File.OpenRead(Path.Combine(TestGuestImages.OutputDirectory, TestGuestImages.Kernel)),
            [Netboot + "initrd.gz"] = () => File.OpenRead(Path.Combine(TestGuestImages.OutputDirectory, TestGuestImages.Initrd)),
        });
        var page = await PageSteps.NewPageAsync(fixture);
        await PageSteps.WithFailureScreenshotAsync(page, nameof(The_url_hint_shows_the_chosen_os_tree_and_mirror_root_a_mirror_root_passes_and_memory_0_is_refused), async () =>
        {
            await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
            await page.GotoAsync("/guests/new");
            await Expect(page.GetByTestId("wizard-emulation")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await page.GetByTestId("source-url").ClickAsync();
            var hints = page.Locator(".mud-input-helper-text");
            await Expect(hints.Filter(new() { HasText = "virt-install --location" })).ToBeVisibleAsync(new() { Timeout = 10_000 });
            await PageSteps.ScreenshotAsync(page, "wizard-url-hint");

            // The tree itself, as virt-install takes it, passes the first step.
            var url = PageSteps.Field(page, "wizard-url", "input");
            await url.FillAsync(mirror.Url("debian/dists/bullseye/main/installer-amd64/"));
            await page.GetByTestId("wizard-next").ClickAsync();
            var os = PageSteps.Field(page, "wizard-os", "input");
            await Expect(os).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await os.FillAsync("Debian 11");
            await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "debian11" }).First.ClickAsync();
            await Expect(page.GetByTestId("wizard-os-recommended")).ToBeVisibleAsync();

            // Back at the URL: osinfo-db's tree for Debian 11 and the mirror root above it, as examples.
            await page.GetByTestId("wizard-back").ClickAsync();
            var debianHint = hints.Filter(new() { HasText = "For Debian 11" });
            await Expect(debianHint).ToContainTextAsync("e.g. http://deb.debian.org/debian/dists/bullseye/main/installer-amd64", new() { Timeout = 10_000 });
            await Expect(debianHint).ToContainTextAsync("under, e.g. http://deb.debian.org/debian/");
            await url.FillAsync(mirror.Url("debian/"));
            await url.BlurAsync();
            await PageSteps.ScreenshotAsync(page, "wizard-url-hint-debian");
            await page.GetByTestId("wizard-next").ClickAsync();
            await Expect(os).ToBeVisibleAsync(new() { Timeout = 30_000 });
            Assert.Contains(Netboot + "linux", mirror.Requests);
            await page.GetByTestId("wizard-next").ClickAsync();

            // Resources: 0 MiB stays 0 and is refused once, at the field.
            var memory = PageSteps.Field(page, "wizard-memory", "input");
            await Expect(memory).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await PageSteps.Field(page, "wizard-name", "input").FillAsync(TestRun.GuestName("wiz-hint"));
            await memory.FillAsync("0");
            await memory.BlurAsync();
            await page.GetByTestId("wizard-next").ClickAsync();
            var refusal = page.Locator(".mud-input-helper-text.mud-input-error").Filter(new() { HasText = "MiB" });
            await Expect(refusal).ToHaveTextAsync("Memory must be at least 64 MiB; got 0 MiB.", new() { Timeout = 30_000 });
            await Expect(memory).ToHaveValueAsync("0");
            // Not a second message about the same value: the OS minimum warning waits until the value is in range.
            await Expect(page.GetByTestId("wizard-os-warning")).ToHaveCountAsync(0);
            await PageSteps.ScreenshotAsync(page, "wizard-memory-zero");
        });
    }
}
