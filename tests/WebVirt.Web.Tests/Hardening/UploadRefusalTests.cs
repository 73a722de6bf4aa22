using System.Net;
using System.Security.Claims;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Contracts;
using WebVirt.Testing;
using WebVirt.Web.Security;
using WebVirt.Web.Storage;

namespace WebVirt.Web.Tests.Hardening;

/// <summary>
/// Over real Kestrel: an upload the agent refuses (too big for the pool) is answered with the
/// agent's message while the browser is still sending, the agent is sent none of the body (the
/// relay waits for its "100 Continue", which a refusing agent never sends), and the browser's send is cut short far below its size.
/// </summary>
public sealed class UploadRefusalTests : IAsyncLifetime
{
    private const string AdminPassword = "test-admin-pw-upload";
    private const string HostId = "upload-host";
    private const long Declared = 8L * 1024 * 1024 * 1024;
    private const long MostSentBytes = 32L * 1024 * 1024;
    private TestDatabase? _database;
    private WebApplicationFactory<Program>? _web;
    private WebApplication? _agent;
    private int _webPort;
    private string? _agentExpect;

    public async Task InitializeAsync()
    {
        var agentPort = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{agentPort}");
        _agent = builder.Build();
        _agent.MapPut(StorageUpload.AgentPathTemplate, (HttpContext context) =>
        {
            // Refuses as the real agent does when the pool is too small: without reading the body.
            _agentExpect = context.Request.Headers.Expect.ToString();
            context.Response.Headers.Connection = "close";
            return Results.Json(ActionResult.Refused([new ProblemDto("Size", "Disk.ExceedsPoolFree", ["8", "small", "1"])]), statusCode: StatusCodes.Status422UnprocessableEntity);
        });
        await _agent.StartAsync();

        _database = await TestDatabase.CreateAsync("upload");
        var connectionString = _database.ConnectionString;
        var webPort = _webPort = FreePort.Next();
        _web = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("urls", $"http://127.0.0.1:{webPort}");
            web.UseSetting("ConnectionStrings:WebVirt", connectionString);
            web.UseSetting("WEBVIRT_ADMIN_PASSWORD", AdminPassword);
            web.UseSetting("WebVirt:LogDirectory", Path.Combine(Path.GetTempPath(), "webvirt-web-tests", _database.Name));
            web.UseSetting("WebVirt:PlainHttp", "true");
            web.UseSetting("WebVirt:Agents:0:HostId", HostId);
            web.UseSetting("WebVirt:Agents:0:Url", $"http://127.0.0.1:{agentPort}");
            web.UseSetting("WebVirt:Agents:0:Token", "test-token");
            web.UseSetting("WebVirt:PlainHttp", "true");
        });
        _web = _web.WithWebHostBuilder(web => web.ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(new AdminFilter())));
        _web.UseKestrel(webPort);
        _web.StartServer();
    }

    public async Task DisposeAsync()
    {
        if (_web is not null)
        {
            await _web.DisposeAsync();
        }

        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_refused_upload_is_answered_before_its_body_is_read()
    {
        // A plain client, as a browser's: no handler of the test host buffers the body.
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_webPort}") };
        var ticket = _web!.Services.GetRequiredService<UploadTickets>().Issue(IdentitySeed.AdminUserName, HostId, "small", "big.iso", Declared);
        var body = new CountingContent(Declared);
        using var request = new HttpRequestMessage(HttpMethod.Post, UploadEndpoints.PathFor(HostId, "small", "big.iso")) { Content = body };
        request.Headers.Add(UploadEndpoints.TicketHeader, ticket);

        HttpResponseMessage? response = null;
        try
        {
            response = await client.SendAsync(request);
        }
        catch (HttpRequestException)
        {
            // The web closed the connection while the body was still being sent: equally a refusal.
        }

        using (response)
        {
            if (response is not null)
            {
                Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
                var result = await response.Content.ReadFromJsonAsync<ActionResult>();
                Assert.Equal("Disk.ExceedsPoolFree", Assert.Single(result!.Problems!).Key);
            }
        }

        // The relay asked before sending; refused without "100 Continue", it sent the agent nothing.
        Assert.Equal("100-continue", _agentExpect);
        Assert.True(body.BytesSent < MostSentBytes, $"the browser could send {body.BytesSent} of {Declared} bytes");
    }

    /// <summary>Signs every request in as the administrator, standing in for the login cookie.</summary>
    private sealed class AdminFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            builder.Use(async (context, nextMiddleware) =>
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity(
                    [new Claim(ClaimTypes.Name, IdentitySeed.AdminUserName), new Claim(ClaimTypes.Role, Roles.Administrator)], "Test"));
                await nextMiddleware(context);
            });
            next(builder);
        };
    }

    /// <summary>Zeros on demand, as many as declared, counting what the connection took.</summary>
    private sealed class CountingContent(long length) : HttpContent
    {
        private long _sent;

        public long BytesSent => Interlocked.Read(ref _sent);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var buffer = new byte[64 * 1024];
            for (long sent = 0; sent < length; sent += buffer.Length)
            {
                await stream.WriteAsync(buffer);
                Interlocked.Add(ref _sent, buffer.Length);
            }
        }

        protected override bool TryComputeLength(out long size)
        {
            size = length;
            return true;
        }
    }
}
