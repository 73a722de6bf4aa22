using System.Net;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests.Sessions;

/// <summary>
/// Redirect targets taken from the request (after login, after choosing a language) stay on the
/// site whatever they hold, and never break the response. Over real Kestrel, which (unlike the
/// in-memory server) refuses a newline in a header with a 500.
/// </summary>
public sealed class OpenRedirectTests(OpenRedirectTests.KestrelApp app) : IClassFixture<OpenRedirectTests.KestrelApp>
{
    private const string Password = "redirect-password-1";

    /// <summary>As they appear in the query string on the wire.</summary>
    public static TheoryData<string> HostileTargets => new()
    {
        "/%09/evil.example",
        "/%0a/evil.example",
        "%0a",
        "/%0d%0a/evil.example",
        "/%0D%0ALocation:%20https://evil.example",
        "//evil.example",
        "///evil.example",
        "/%2F/evil.example",
        "%2F%2Fevil.example",
        "/%252F%252Fevil.example",
        "/%5Cevil.example",
        "%5C%5Cevil.example",
        "/%5C%5Cevil.example",
        "/%255C/evil.example",
        "/%255cevil.example",
        "https://evil.example",
        "https:%2F%2Fevil.example",
        "http%3A%2F%2Fevil.example",
        "HTTPS://evil.example/",
        "//user@evil.example",
        "/@evil.example",
        "/%2540evil.example",
        "%09//evil.example",
        "%20//evil.example",
        "//%09/evil.example",
        "/%2509/evil.example",
        "%2509%2F%2Fevil.example",
        "/%00/evil.example",
        "/%E2%80%AE/evil.example",
        "%E3%80%82//evil.example",
        "javascript:alert(1)",
        "javascript%3Aalert(1)",
        "data:text/html,hi",
        "evil.example",
        "/%C0%AF/evil.example",
        "/%u002f/evil.example",
        "/" + new string('a', 5000),
    };

    [Theory]
    [MemberData(nameof(HostileTargets))]
    public async Task The_language_switch_never_leaves_the_site(string target)
    {
        using var client = app.Client("10.3.0.1");

        var response = await client.GetAsync("/culture/set?culture=zh-Hans&redirectUri=" + target);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        AssertOnSite(response);
    }

    [Theory]
    [MemberData(nameof(HostileTargets))]
    public async Task Login_never_sends_the_user_off_the_site(string target)
    {
        await EnsureUserAsync();
        using var client = app.Client("10.3.0.2");

        var response = await LoginClient.PostLoginAsync(client, "redirect-user", Password, "/login?ReturnUrl=" + target);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        AssertOnSite(response);
    }

    [Fact]
    public async Task A_local_target_is_kept()
    {
        await EnsureUserAsync();
        using var client = app.Client("10.3.0.3");

        var culture = await client.GetAsync("/culture/set?culture=en&redirectUri=%2Fstorage%3Fhost%3Dh1");
        var login = await LoginClient.PostLoginAsync(client, "redirect-user", Password, "/login?ReturnUrl=%2Fnetworks%3Fhost%3Dh1");

        Assert.Equal("/storage?host=h1", culture.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.EndsWith("/networks?host=h1", login.Headers.Location!.OriginalString, StringComparison.Ordinal);
        AssertOnSite(login);
    }

    // Judged as a browser reads a Location header, independently of LocalUrl: tabs and newlines
    // are dropped, a backslash is a slash, and the result must resolve to this site.
    private static void AssertOnSite(HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues("Location", out var values), "no Location header");
        var raw = Assert.Single(values);
        Assert.DoesNotContain(raw, c => c < ' ' || c == 0x7f);
        var asBrowser = raw.Replace("\t", "").Replace("\r", "").Replace("\n", "").Replace('\\', '/');
        var origin = new Uri("http://127.0.0.1/");
        if (Uri.TryCreate(asBrowser, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            Assert.Equal("127.0.0.1", absolute.Host);
            return;
        }

        Assert.StartsWith("/", asBrowser, StringComparison.Ordinal);
        Assert.False(asBrowser.StartsWith("//", StringComparison.Ordinal), $"scheme-relative: {raw}");
        Assert.Equal(origin.Authority, new Uri(origin, asBrowser).Authority);
    }

    private async Task EnsureUserAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (!_created)
            {
                await app.CreateUserAsync("redirect-user", Password, Roles.Viewer);
                _created = true;
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _created;

    public sealed class KestrelApp : SessionAppFixture
    {
        protected override bool OverKestrel => true;
    }
}
