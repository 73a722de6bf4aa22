using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Web.Console;
using WebVirt.Web.Data;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests;

/// <summary>
/// The browser's console WebSocket refuses every ticket that is not exactly the one issued to this
/// user for this guest and console within 30 seconds, and writes each refusal to the audit log.
/// </summary>
public sealed class ConsoleTicketEndpointTests(WebAppFixture app) : IClassFixture<WebAppFixture>, IDisposable
{
    private const string UserHeader = "X-Test-User";
    private const string RoleHeader = "X-Test-Role";

    private readonly SteppedClock _clock = new();
    private WebApplicationFactory<Program>? _factory;

    private WebApplicationFactory<Program> Factory => _factory ??= app.Factory.WithWebHostBuilder(builder =>
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(provider => new ConsoleTicketService(_clock, provider.GetRequiredService<WebVirt.Web.Security.Rights.RightsEvaluator>()));
            services.AddSingleton<IStartupFilter>(new TestUserFilter());
        }));

    private ConsoleTicketService Tickets => Factory.Services.GetRequiredService<ConsoleTicketService>();

    [Fact]
    public async Task A_ticket_works_once_then_is_refused_as_used()
    {
        var uuid = Guid.NewGuid().ToString();
        var ticket = await Tickets.IssueAsync(User("olga", Roles.Operator), WebAppFixture.HostId, uuid, ConsoleEndpoints.Vnc);
        Assert.NotNull(ticket);
        Assert.Equal(ConsoleTicketCheck.Accepted, await Tickets.RedeemAsync(ticket, User("olga", Roles.Operator), WebAppFixture.HostId, uuid, ConsoleEndpoints.Vnc));

        await AssertRefusedAsync("olga", Roles.Operator, uuid, ticket, ConsoleTicketCheck.UnknownOrUsed);
    }

    [Fact]
    public async Task An_expired_ticket_is_refused()
    {
        var uuid = Guid.NewGuid().ToString();
        var ticket = await Tickets.IssueAsync(User("emil", Roles.Operator), WebAppFixture.HostId, uuid, ConsoleEndpoints.Vnc);
        _clock.Advance(ConsoleTicketService.Lifetime + TimeSpan.FromSeconds(1));

        await AssertRefusedAsync("emil", Roles.Operator, uuid, ticket, ConsoleTicketCheck.Expired);
    }

    [Fact]
    public async Task A_ticket_for_another_guest_is_refused()
    {
        var ticket = await Tickets.IssueAsync(User("gina", Roles.Administrator), WebAppFixture.HostId, Guid.NewGuid().ToString(), ConsoleEndpoints.Vnc);

        await AssertRefusedAsync("gina", Roles.Administrator, Guid.NewGuid().ToString(), ticket, ConsoleTicketCheck.OtherGuest);
    }

    [Fact]
    public async Task A_ticket_of_another_user_is_refused()
    {
        var uuid = Guid.NewGuid().ToString();
        var ticket = await Tickets.IssueAsync(User("ursula", Roles.Operator), WebAppFixture.HostId, uuid, ConsoleEndpoints.Vnc);

        await AssertRefusedAsync("mallory", Roles.Operator, uuid, ticket, ConsoleTicketCheck.OtherUser);
    }

    [Fact]
    public async Task A_serial_ticket_cannot_open_the_screen()
    {
        var uuid = Guid.NewGuid().ToString();
        var ticket = await Tickets.IssueAsync(User("sergei", Roles.Operator), WebAppFixture.HostId, uuid, ConsoleEndpoints.Serial);

        await AssertRefusedAsync("sergei", Roles.Operator, uuid, ticket, ConsoleTicketCheck.OtherKind);
    }

    [Fact]
    public async Task A_viewer_gets_no_ticket_and_cannot_use_one()
    {
        var uuid = Guid.NewGuid().ToString();
        Assert.Null(await Tickets.IssueAsync(User("vic", Roles.Viewer), WebAppFixture.HostId, uuid, ConsoleEndpoints.Vnc));
        var operatorsTicket = await Tickets.IssueAsync(User("vic", Roles.Operator), WebAppFixture.HostId, uuid, ConsoleEndpoints.Vnc);

        await AssertRefusedAsync("vic", Roles.Viewer, uuid, operatorsTicket, ConsoleTicketCheck.Forbidden);
    }

    [Fact]
    public async Task No_ticket_and_no_login_are_refused()
    {
        await AssertRefusedAsync("nora", Roles.Operator, Guid.NewGuid().ToString(), null, ConsoleTicketCheck.Missing);
        await AssertRefusedAsync(null, null, Guid.NewGuid().ToString(), "whatever", ConsoleTicketCheck.Forbidden);
    }

    [Fact]
    public async Task Tickets_are_32_random_bytes_in_url_safe_base64()
    {
        var user = User("tess", Roles.Operator);
        var first = await Tickets.IssueAsync(user, WebAppFixture.HostId, "7d1c8a52-0b7e-4c57-9f0e-2f6a4e1b9c30", ConsoleEndpoints.Vnc) ?? "";
        var second = await Tickets.IssueAsync(user, WebAppFixture.HostId, "7d1c8a52-0b7e-4c57-9f0e-2f6a4e1b9c30", ConsoleEndpoints.Vnc) ?? "";
        Assert.Equal(43, first.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", first);
        Assert.NotEqual(first, second);
    }

    public void Dispose() => _factory?.Dispose();

    private async Task AssertRefusedAsync(string? userName, string? role, string uuid, string? ticket, ConsoleTicketCheck expected)
    {
        var client = Factory.Server.CreateWebSocketClient();
        client.ConfigureRequest = request =>
        {
            if (userName is not null)
            {
                request.Headers[UserHeader] = userName;
                request.Headers[RoleHeader] = role;
            }
        };
        var path = ConsoleEndpoints.VncPath(WebAppFixture.HostId, uuid) + (ticket is null ? "" : "?ticket=" + Uri.EscapeDataString(ticket));
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(new Uri(Factory.Server.BaseAddress, path), CancellationToken.None));
        Assert.Contains("403", refused.ToString(), StringComparison.Ordinal);

        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<WebDbContext>>().CreateDbContextAsync();
        var entry = await db.AuditEntries.SingleAsync(e => e.TargetGuestUuid == uuid && e.Action == ConsoleEndpoints.RefusedAction);
        Assert.Equal(userName ?? "(anonymous)", entry.UserName);
        Assert.Equal(AuditEntry.ResultError, entry.Result);
        Assert.Equal(expected.ToString(), entry.Detail);
    }

    private static ClaimsPrincipal User(string name, string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], "Test"));

    /// <summary>Signs the request in as the user the test names, standing in for the login cookie.</summary>
    private sealed class TestUserFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            builder.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Headers[UserHeader].ToString() is { Length: > 0 } name)
                {
                    context.User = User(name, context.Request.Headers[RoleHeader].ToString());
                }

                await nextMiddleware(context);
            });
            next(builder);
        };
    }
}
