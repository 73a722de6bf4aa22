using System.Net;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Testing;
using WebVirt.Web.Api;
using WebVirt.Web.Security;

namespace WebVirt.Api.Tests;

/// <summary>Tokens, whether accepted, refused, revoked or malformed, never reach a log file.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiTokenLoggingTests(ApiFixture api)
{
    [Fact]
    public async Task No_log_file_holds_a_token_or_its_secret()
    {
        var owner = await api.CreateUserAsync(Roles.Operator);
        var used = await api.CreateTokenAsync(owner, ApiTokenScope.Operate, name: "logged?");
        var revoked = await api.CreateTokenAsync(owner, ApiTokenScope.ReadOnly, name: "revoked-for-logs");
        var forged = used[..^43] + new string('Q', 43);
        using (var client = api.Client(used))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/guests")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/v1/hosts/{api.HostId}/guests/{Guid.NewGuid()}/start", null)).StatusCode);
        }

        var revokedId = (await api.AsUserAsync(owner, tokens => tokens.ListOwnAsync())).Single(t => t.Name == "revoked-for-logs").Id;
        await api.AsUserAsync(owner, tokens => tokens.RevokeAsync(revokedId));
        foreach (var token in new[] { revoked, forged })
        {
            using var client = api.Client(token);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/hosts")).StatusCode);
        }

        // Serilog writes each event as it comes; the log files hold this test's calls now.
        var files = Directory.GetFiles(api.WebLogDirectory, "*", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(TestArtifacts.Directory, "logs"), "*.log")).ToList();
        var text = string.Join("\n", files.Select(ReadShared));
        Assert.Contains("logged?", text, StringComparison.Ordinal);
        foreach (var token in new[] { used, revoked, forged })
        {
            Assert.DoesNotContain(token[21..], text, StringComparison.Ordinal);
            Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        }
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
