using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace WebVirt.Web.Tests.Infrastructure;

/// <summary>Fills in and posts the login form as a browser would, hidden fields and antiforgery cookie included.</summary>
public static partial class LoginClient
{
    public static HttpClient Create(WebApplicationFactory<Program> factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password) =>
        PostLoginAsync(client, userName, password, "/login");

    /// <summary>Posts the form of <paramref name="loginPath"/> (the login page, possibly with a query such as ReturnUrl).</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password, string loginPath)
    {
        var page = await client.GetAsync(loginPath);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();

        var fields = HiddenInput().Matches(html)
            .ToDictionary(match => WebUtility.HtmlDecode(match.Groups["name"].Value), match => WebUtility.HtmlDecode(match.Groups["value"].Value));
        Assert.Contains("__RequestVerificationToken", fields.Keys);
        fields["Input.UserName"] = userName;
        fields["Input.Password"] = password;

        return await client.PostAsync(loginPath, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();
}
