using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using WebVirt.Logging;
using WebVirt.Testing;
using WebVirt.Web.Console;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests.Hardening;

/// <summary>
/// A login, a console request with a ticket in its query string and a refused upload, then the
/// log file: the requests are there, the password, the ticket and the cookie are not, and the
/// file and its folder are closed to other users.
/// </summary>
public sealed class SecretsInLogsTests : IAsyncLifetime
{
    private const string AdminPassword = "test-admin-pw-in-logs";
    private TestDatabase? _database;
    private WebApplicationFactory<Program>? _factory;
    private string _logs = "";

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("logs");
        _logs = Path.Combine(Path.GetTempPath(), "webvirt-web-tests", _database.Name);
        var connectionString = _database.ConnectionString;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:WebVirt", connectionString);
            builder.UseSetting("WEBVIRT_ADMIN_PASSWORD", AdminPassword);
            builder.UseSetting("WebVirt:LogDirectory", _logs);
            builder.UseSetting("WebVirt:PlainHttp", "true");
            builder.UseSetting("WebVirt:Agents:0:HostId", "logs-host");
            builder.UseSetting("WebVirt:Agents:0:Url", "http://127.0.0.1:9");
            builder.UseSetting("WebVirt:Agents:0:Token", "test-token");
            builder.UseSetting("WebVirt:PlainHttp", "true");
        });
        _ = _factory.Services;
        await Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (Directory.Exists(_logs))
        {
            Directory.Delete(_logs, recursive: true);
        }
    }

    [Fact]
    public async Task No_password_ticket_or_cookie_reaches_the_log_file()
    {
        using var client = LoginClient.Create(_factory!);
        var login = await LoginClient.PostLoginAsync(client, IdentitySeed.AdminUserName, AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookies = login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0].Split('=', 2)[1]).ToList();

        var ticket = "secret-ticket-" + Guid.NewGuid().ToString("N");
        var console = await client.GetAsync($"{ConsoleEndpoints.VncPath("logs-host", Guid.NewGuid().ToString())}?ticket={ticket}");
        Assert.Equal(HttpStatusCode.Forbidden, console.StatusCode);

        var uploadTicket = "secret-upload-" + Guid.NewGuid().ToString("N");
        using var upload = new HttpRequestMessage(HttpMethod.Post, "/storage/upload/logs-host/pool/a.iso") { Content = new ByteArrayContent(new byte[16]) };
        upload.Headers.Add(WebVirt.Web.Storage.UploadEndpoints.TicketHeader, uploadTicket);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(upload)).StatusCode);

        var file = Assert.Single(Directory.GetFiles(_logs, "webvirt-web-*.log"));
        var text = await ReadUntilAsync(file, "Request finished HTTP/1.1 POST http://localhost/storage/upload");

        // The console request was logged, with its query's name but not its value.
        Assert.Contains("ticket=" + QueryStringRedactor.Redacted, text, StringComparison.Ordinal);
        foreach (var secret in cookies.Append(ticket).Append(uploadTicket).Append(AdminPassword))
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        Assert.Equal(PrivateLogFiles.FileMode, File.GetUnixFileMode(file));
        Assert.Equal(PrivateLogFiles.DirectoryMode, File.GetUnixFileMode(_logs));
    }

    /// <summary>The log's text once it holds <paramref name="marker"/> (the last request's line), or after 10 s.</summary>
    private static async Task<string> ReadUntilAsync(string file, string marker)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            string text;
            await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            using (var reader = new StreamReader(stream))
            {
                text = await reader.ReadToEndAsync();
            }

            if (text.Contains(marker, StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                return text;
            }

            await Task.Delay(100);
        }
    }
}
