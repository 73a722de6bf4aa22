using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Web.Data;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests.Sessions;

/// <summary>Signs in, keeps a copy of the auth cookie, and replays it from a fresh client as a thief would.</summary>
public static partial class SessionCookies
{
    public static async Task<string> SignInAndCopyCookieAsync(HttpClient client, string userName, string password)
    {
        var response = await LoginClient.PostLoginAsync(client, userName, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return CopyAuthCookie(response);
    }

    /// <summary>The auth cookie a response sets, as a Cookie header value.</summary>
    public static string CopyAuthCookie(HttpResponseMessage response)
    {
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

    /// <summary>Logs the client out with the form's antiforgery token, as the user menu does.</summary>
    public static async Task<HttpResponseMessage> LogoutAsync(HttpClient client)
    {
        // The login page renders an antiforgery token for whoever asks, signed-in users included.
        var token = TokenInput().Match(await client.GetStringAsync("/login"));
        Assert.True(token.Success, "no antiforgery token on the page");
        return await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups["value"].Value),
            ["returnUrl"] = "/",
        }));
    }

    /// <summary>The user's server-side sessions, newest first.</summary>
    public static async Task<List<UserSession>> SessionsOfAsync(WebApplicationFactory<Program> factory, string userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
        return await db.UserSessions.AsNoTracking().Where(session => session.UserId == userId)
            .OrderByDescending(session => session.CreatedAt).ToListAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex TokenInput();
}
