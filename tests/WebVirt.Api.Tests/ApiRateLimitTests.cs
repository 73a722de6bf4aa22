using System.Net;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Web.Api;
using WebVirt.Web.Security;

namespace WebVirt.Api.Tests;

/// <summary>Per-token and per-address limits answer 429 with Retry-After, and one token's limit leaves another's alone.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiRateLimitTests(ApiFixture api)
{
    [Fact]
    public async Task A_token_over_its_limit_gets_429_with_retry_after_and_the_address_limit_catches_guessed_tokens()
    {
        await using var limited = api.CreateFactory(new Dictionary<string, string?>
        {
            ["WebVirt:Api:PermitsPerToken"] = "3",
            ["WebVirt:Api:PermitsPerAddress"] = "8",
            ["WebVirt:Api:WindowSeconds"] = "120",
        });
        var owner = await api.CreateUserAsync(Roles.Viewer);
        using var first = api.Client(await api.CreateTokenAsync(owner, ApiTokenScope.ReadOnly), limited);
        using var second = api.Client(await api.CreateTokenAsync(owner, ApiTokenScope.ReadOnly), limited);

        for (var call = 0; call < 3; call++)
        {
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/v1/hosts")).StatusCode);
        }

        var refused = await first.GetAsync("/api/v1/hosts");
        await Problems.AssertAsync(refused, HttpStatusCode.TooManyRequests, ApiErrorCodes.RateLimited);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 120);

        // The other token has its own permits (the address has used 3 of its 8).
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/hosts")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/guests")).StatusCode);

        // Guessed tokens spend the address's permits: 3 more pass to be refused as invalid, then the address is stopped.
        using var guesser = api.Client("wvt_0123456789abcdef_" + new string('x', 43), limited);
        for (var call = 0; call < 3; call++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.GetAsync("/api/v1/hosts")).StatusCode);
        }

        await Problems.AssertAsync(await guesser.GetAsync("/api/v1/hosts"), HttpStatusCode.TooManyRequests, ApiErrorCodes.RateLimited);
        var alsoStopped = await second.GetAsync("/api/v1/hosts");
        await Problems.AssertAsync(alsoStopped, HttpStatusCode.TooManyRequests, ApiErrorCodes.RateLimited);
        Assert.True(alsoStopped.Headers.RetryAfter is not null || alsoStopped.Headers.Contains("Retry-After"));

        // The rest of the console is not limited by the API's limits.
        using var page = limited.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await page.GetAsync("/login")).StatusCode);
    }

    [Fact]
    public async Task Metrics_scrapes_over_the_address_limit_get_429_with_retry_after_and_leave_the_api_alone()
    {
        await using var limited = api.CreateFactory(new Dictionary<string, string?>
        {
            ["WebVirt:Metrics:ScrapesPerAddress"] = "2",
            ["WebVirt:Metrics:WindowSeconds"] = "90",
        });
        var owner = await api.CreateUserAsync(Roles.Viewer);
        using var scraper = api.Client(await MetricsScrape.CreateTokenAsync(api, owner, metrics: true), limited);
        using var reader = api.Client(await api.CreateTokenAsync(owner, ApiTokenScope.ReadOnly), limited);
        using var anonymous = api.Client(null, limited);

        Assert.Equal(HttpStatusCode.OK, (await scraper.GetAsync("/metrics")).StatusCode);
        // A scrape without a token spends the address's permits too.
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics")).StatusCode);

        var refused = await scraper.GetAsync("/metrics");
        await Problems.AssertAsync(refused, HttpStatusCode.TooManyRequests, ApiErrorCodes.RateLimited);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 90);
        await Problems.AssertAsync(await anonymous.GetAsync("/metrics"), HttpStatusCode.TooManyRequests, ApiErrorCodes.RateLimited);

        // The API has its own permits.
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/hosts")).StatusCode);
    }
}
