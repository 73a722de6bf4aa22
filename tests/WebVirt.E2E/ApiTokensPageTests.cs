using System.Net;
using System.Net.Http.Headers;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>
/// A user makes an API token on their account page (with the metrics right), sees it once, calls
/// the API and /metrics with it, and revokes it there: the next call is refused.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class ApiTokensPageTests(E2EFixture fixture)
{
    [Fact]
    public async Task A_token_made_on_the_account_page_calls_the_api_until_it_is_revoked()
    {
        var page = await PageSteps.NewPageAsync(fixture);
        await PageSteps.WithFailureScreenshotAsync(page, "api-tokens", async () =>
        {
            await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
            await page.GotoAsync("/account");
            var name = "e2e-" + TestRun.Id;
            await PageSteps.Field(page, "api-token-name", "input").FillAsync(name);
            await PageSteps.ChooseAsync(page, "api-token-scope", "Operate");
            await PageSteps.Field(page, "api-token-metrics", "input").CheckAsync(new() { Force = true });
            await page.GetByTestId("api-token-create").ClickAsync();

            var text = PageSteps.Field(page, "api-token-text", "input");
            await Expect(text).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^wvt_"), new() { Timeout = 30_000 });
            var token = await text.InputValueAsync();
            await Expect(page.GetByTestId("api-token-row").Filter(new() { HasText = name })).ToBeVisibleAsync();
            await PageSteps.ScreenshotAsync(page, "api-token-created");

            using var http = new HttpClient { BaseAddress = new Uri(fixture.Stack.WebUrl) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var guests = await http.GetAsync($"/api/v1/guests?name={fixture.GuestName}");
            Assert.Equal(HttpStatusCode.OK, guests.StatusCode);
            Assert.Contains(fixture.GuestName, await guests.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var metrics = await http.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
            Assert.Contains($"guest=\"{fixture.GuestName}\"", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            // Shown once: after "done" and a reload the page has only the name, never the token again.
            await page.GetByTestId("api-token-done").ClickAsync();
            await page.ReloadAsync();
            var row = page.Locator("tr").Filter(new() { Has = page.GetByTestId("api-token-row").Filter(new() { HasText = name }) });
            await Expect(row).ToContainTextAsync("127.0.0.1", new() { Timeout = 30_000 });
            await Expect(row.GetByTestId("api-token-row-metrics").Locator("svg")).ToBeVisibleAsync();
            Assert.DoesNotContain(token[21..], await page.ContentAsync(), StringComparison.Ordinal);
            await PageSteps.ScreenshotAsync(page, "api-token-listed");

            await row.GetByTestId("api-token-revoke").ClickAsync();
            await Expect(page.GetByTestId("api-token-row").Filter(new() { HasText = name })).ToHaveCountAsync(0, new() { Timeout = 30_000 });
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/guests")).StatusCode);
        });
    }
}
