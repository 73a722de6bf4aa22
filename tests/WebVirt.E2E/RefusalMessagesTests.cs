using Microsoft.Playwright;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>Refused input in a real browser: one clear message, nothing moved into range by itself, and error notes that leave the header usable.</summary>
[Collection(E2ECollection.Name)]
public sealed class RefusalMessagesTests(E2EFixture fixture)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Shortly = new() { Timeout = 30_000 };

    [Fact]
    public async Task Zero_memory_on_the_guest_page_gets_one_message_and_the_error_note_leaves_the_header_free()
    {
        var page = await PageSteps.NewPageAsync(fixture);
        await PageSteps.WithFailureScreenshotAsync(page, nameof(Zero_memory_on_the_guest_page_gets_one_message_and_the_error_note_leaves_the_header_free), async () =>
        {
            await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
            await page.GetByTestId($"guest-link-{fixture.GuestName}").ClickAsync();
            await page.GetByTestId("guest-tab-hardware").ClickAsync();
            await Expect(page.GetByTestId("hw-memory-card")).ToBeVisibleAsync(Shortly);
            string before = await page.GetByTestId("hw-memory-current-value").TextContentAsync() ?? "";

            await page.GetByTestId("hw-memory-edit").ClickAsync();
            var current = PageSteps.Field(page, "hw-memory-current", "input");
            await current.FillAsync("0");
            await current.BlurAsync();
            await page.GetByTestId("hw-memory-save").ClickAsync();

            // The value typed stays as typed, and the refusal says which value is wrong, once.
            var error = page.GetByTestId("hw-memory-error");
            await Expect(error).ToHaveTextAsync("Current memory must be at least 64 MiB; got 0 MiB.", new() { Timeout = 30_000 });
            await Expect(current).ToHaveValueAsync("0");
            Assert.Equal(before, await page.GetByTestId("hw-memory-current-value").TextContentAsync());

            // The failure note stays until closed; it must not lie over the app bar's buttons.
            var note = page.Locator(".mud-snackbar").Filter(new() { HasText = "Current memory must be at least 64 MiB" });
            await Expect(note).ToBeVisibleAsync(Shortly);
            await PageSteps.ScreenshotAsync(page, "guest-memory-zero-refused");
            var noteBox = await note.BoundingBoxAsync() ?? throw new InvalidOperationException("no snackbar box");
            var barBox = await page.Locator(".mud-appbar").BoundingBoxAsync() ?? throw new InvalidOperationException("no app bar box");
            Assert.True(noteBox.Y >= barBox.Y + barBox.Height, $"the note (y={noteBox.Y}) covers the app bar (bottom {barBox.Y + barBox.Height})");
            await page.Locator(".mud-appbar button").Last.ClickAsync(new() { Trial = true, Timeout = 5_000 });
        });
    }
}
