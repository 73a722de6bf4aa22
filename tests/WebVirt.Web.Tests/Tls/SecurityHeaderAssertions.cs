namespace WebVirt.Web.Tests.Tls;

/// <summary>The headers every response of the console must carry.</summary>
public static class SecurityHeaderAssertions
{
    public static void AssertPresent(HttpResponseMessage response, bool expectHsts)
    {
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("same-origin", Single(response, "Referrer-Policy"));

        var policy = Single(response, "Content-Security-Policy")
            .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d);
        Assert.Equal("script-src 'self'", policy["script-src"]);
        Assert.Equal("frame-ancestors 'self'", policy["frame-ancestors"]);
        Assert.DoesNotContain("unsafe-eval", string.Join(';', policy.Values), StringComparison.Ordinal);

        if (expectHsts)
        {
            var hsts = Single(response, "Strict-Transport-Security");
            var maxAge = int.Parse(hsts.Split('=')[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(maxAge >= 180 * 24 * 3600, hsts);
            Assert.DoesNotContain("preload", hsts, StringComparison.Ordinal);
        }
        else
        {
            Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        }
    }

    private static string Single(HttpResponseMessage response, string name) =>
        Assert.Single(response.Headers.TryGetValues(name, out var values) ? values : response.Content.Headers.TryGetValues(name, out var content) ? content : []);
}
