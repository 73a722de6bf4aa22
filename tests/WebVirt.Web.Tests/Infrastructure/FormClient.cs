using System.Net;
using System.Text.RegularExpressions;
using OtpNet;

namespace WebVirt.Web.Tests.Infrastructure;

/// <summary>Posts one named form of a static server-rendered page as a browser would, and computes TOTP codes.</summary>
public static partial class FormClient
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string formName, IReadOnlyDictionary<string, string> values)
    {
        var page = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await PostFromAsync(client, path, await page.Content.ReadAsStringAsync(), formName, values);
    }

    /// <summary>Posts the form named <paramref name="formName"/> found in <paramref name="html"/> (the page already loaded).</summary>
    public static async Task<HttpResponseMessage> PostFromAsync(HttpClient client, string path, string html, string formName, IReadOnlyDictionary<string, string> values)
    {
        var fields = new Dictionary<string, string>();
        foreach (Match match in HiddenInput().Matches(html))
        {
            fields[WebUtility.HtmlDecode(match.Groups["name"].Value)] = WebUtility.HtmlDecode(match.Groups["value"].Value);
        }

        Assert.Contains("__RequestVerificationToken", fields.Keys);
        Assert.Contains($"value=\"{formName}\"", html);
        fields["_handler"] = formName;
        foreach (var (name, value) in values)
        {
            fields[name] = value;
        }

        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>The key as the enrolment page shows it ("abcd efgh ..."), read back into Base32.</summary>
    public static string KeyOnPage(string html)
    {
        var match = ShownKey().Match(html);
        Assert.True(match.Success, "no authenticator key on the page");
        return match.Groups["key"].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
    }

    public static string CurrentCode(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();

    /// <summary>A code that is certainly not accepted: from a time far outside the verification window.</summary>
    public static string WrongCode(string key)
    {
        var totp = new Totp(Base32Encoding.ToBytes(key));
        var now = DateTime.UtcNow;
        var accepted = new[] { -2, -1, 0, 1, 2 }.Select(step => totp.ComputeTotp(now.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 1_000_000).Select(n => n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(code => !accepted.Contains(code));
    }

    public static IReadOnlyList<string> RecoveryCodesOnPage(string html) =>
        RecoveryCode().Matches(html).Select(match => match.Groups["code"].Value).ToList();

    public static bool SetsAuthCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
        && cookies.Any(cookie => cookie.StartsWith("WebVirt.Auth=", StringComparison.Ordinal) && !cookie.StartsWith("WebVirt.Auth=;", StringComparison.Ordinal));

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("data-testid=\"two-factor-key\">(?<key>[a-z2-7 ]+)<")]
    private static partial Regex ShownKey();

    [GeneratedRegex("<li><code>(?<code>[0-9A-Z]{5}-[0-9A-Z]{5})</code></li>")]
    private static partial Regex RecoveryCode();
}
