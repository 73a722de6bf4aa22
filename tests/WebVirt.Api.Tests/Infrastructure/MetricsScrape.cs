using System.Security.Claims;
using System.Text.RegularExpressions;
using WebVirt.Web.Api;

namespace WebVirt.Api.Tests.Infrastructure;

/// <summary>Tokens with the metrics right, and reading series out of Prometheus' text format.</summary>
public static partial class MetricsScrape
{
    public static async Task<string> CreateTokenAsync(ApiFixture api, ClaimsPrincipal owner, bool metrics, string? name = null)
    {
        var created = await api.AsUserAsync(owner, tokens =>
            tokens.CreateAsync(name ?? "metrics-" + Guid.NewGuid().ToString("N")[..6], ApiTokenScope.ReadOnly, null, metrics));
        Assert.True(created.Ok, created.Error);
        return created.Token!;
    }

    /// <summary>
    /// Scrapes until <paramref name="holds"/> is true of the text or five seconds pass, and returns the
    /// last answer either way, for the caller's own assertions to explain.
    /// </summary>
    public static async Task<(HttpResponseMessage Response, string Text)> ReadUntilAsync(HttpClient client, string path, Func<string, bool> holds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var response = await client.GetAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            if (holds(text) || DateTime.UtcNow >= deadline)
            {
                return (response, text);
            }

            response.Dispose();
            await Task.Delay(100);
        }
    }

    /// <summary>The sample lines of one series name (not its _bucket/_sum/_count relatives, nor # lines).</summary>
    public static IReadOnlyList<string> Lines(string exposition, string name) =>
        [.. exposition.Split('\n').Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))];

    /// <summary>The one line of <paramref name="name"/> for the guest, asserting it carries the host, guest and uuid labels.</summary>
    public static string GuestLine(string exposition, string name, ApiFixture api, string? extraLabel = null)
    {
        var lines = Lines(exposition, name).Where(line =>
            line.Contains($"host=\"{api.HostId}\"", StringComparison.Ordinal)
            && line.Contains($"guest=\"{api.GuestName}\"", StringComparison.Ordinal)
            && line.Contains($"uuid=\"{api.GuestUuid}\"", StringComparison.Ordinal)
            && (extraLabel is null || line.Contains(extraLabel, StringComparison.Ordinal))).ToList();
        Assert.True(lines.Count == 1, $"Expected one {name} line for the test guest, found {lines.Count} in:\n{exposition}");
        return lines[0];
    }

    /// <summary>The value at the end of a sample line.</summary>
    public static double Value(string line)
    {
        var match = ValuePattern().Match(line);
        Assert.True(match.Success, line);
        return double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\}?\s(\S+)(\s\d+)?$")]
    private static partial Regex ValuePattern();
}
