using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WebVirt.Web.Api;
using WebVirt.Web.Faults;
using WebVirt.Web.Hosting;

namespace WebVirt.Web.Tests.Faults;

/// <summary>
/// A request that fails while the database is away: a browser gets the outage page, an API client
/// the same 503 as problem details with a stable code, in the language it asked for.
/// </summary>
public sealed class OutageAnswerTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        // Nothing listens on port 1 of the loopback: the health probe finds the database away too.
        builder.Configuration["ConnectionStrings:WebVirt"] = "Host=127.0.0.1;Port=1;Username=nobody;Password=none";
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddLocalization();
        builder.Services.AddWebVirtFaults();
        _app = builder.Build();
        _app.UseWebVirtLocalization();
        _app.UseWebVirtOutagePage();
        RequestDelegate unreachable = _ => throw new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused));
        RequestDelegate broken = _ => throw new InvalidOperationException("a bug");
        _app.Map("/api/v1/guests", unreachable);
        _app.Map("/api/v1/hosts", broken);
        _app.Map("/storage", unreachable);
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task An_api_call_during_an_outage_gets_a_503_problem_with_its_code_in_chinese()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/guests");
        request.Headers.AcceptLanguage.ParseAdd("zh-CN");

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(ApiErrorCodes.DatabaseUnavailable, problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("无法连接控制台的数据库；未做任何更改。请几秒后重试。", problem.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_failing_api_call_gets_a_500_problem_without_the_exception_text()
    {
        using var response = await _client.GetAsync(new Uri("/api/v1/hosts", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        string body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("a bug", body, StringComparison.Ordinal);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(ApiErrorCodes.ServerError, problem.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_page_during_an_outage_still_gets_the_outage_page()
    {
        using var response = await _client.GetAsync(new Uri("/storage", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("outage-page", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
