using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests.Sessions;

/// <summary>Signs in, keeps a copy of the auth cookie, and replays it from a fresh client as a thief would.</summary>
public static class SessionCookies
{
    public static async Task<string> SignInAndCopyCookieAsync(HttpClient client, string userName, string password)
    {
        var response = await LoginClient.PostLoginAsync(client, userName, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var parts = response.Headers.GetValues("Set-Cookie")
            .Where(cookie => cookie.StartsWith("WebVirt.Auth", StringComparison.Ordinal))
            .Select(cookie => cookie.Split(';', 2)[0])
            .ToList();
        Assert.NotEmpty(parts);
        return string.Join("; ", parts);
    }

    /// <summary>The status of the dashboard for a client that only carries the copied cookie.</summary>
    public static async Task<HttpResponseMessage> ReplayAsync(WebApplicationFactory<Program> factory, string cookie, string address = "10.9.9.9")
    {
        using var thief = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        thief.DefaultRequestHeaders.Add(SessionAppFixture.AddressHeader, address);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        return await thief.SendAsync(request);
    }

    public static void AssertRefused(HttpResponseMessage response)
    {
        Assert.True(
            response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized,
            $"expected a redirect to the login page, got {(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }
}
