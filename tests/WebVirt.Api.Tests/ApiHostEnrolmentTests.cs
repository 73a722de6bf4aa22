using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Contracts;
using WebVirt.Testing;
using WebVirt.Web.Agents;
using WebVirt.Web.Agents.Enrolment;
using WebVirt.Web.Api;
using WebVirt.Web.Data;
using WebVirt.Web.Formatting;
using WebVirt.Web.Security;

namespace WebVirt.Api.Tests;

/// <summary>
/// The Hosts page's "Add host" and "Remove host" through the API, with a second agent on libvirt's
/// test driver that prints its one-time code as an administrator runs it: a malformed, wrong or spent
/// code is refused with the page's reason and adds nothing, the right code adds the host with its
/// pinned certificate, and only an administrator may add or remove, and only an enrolled host goes.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ApiHostEnrolmentTests(ApiFixture api)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    [Fact]
    public async Task A_host_is_added_with_its_code_and_removed_and_bad_codes_and_operators_are_refused()
    {
        await using var agent = await EnrollableAgent.StartAsync(TestRun.GuestName("enrol-" + Guid.NewGuid().ToString("N")[..6]));
        var admin = await api.CreateUserAsync(Roles.Administrator);
        using var client = api.Client(await api.CreateTokenAsync(admin, ApiTokenScope.Administer, name: "enroller"));
        using var operate = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Operator), ApiTokenScope.Operate));
        var host = $"/api/v1/hosts/{Uri.EscapeDataString(agent.HostId)}";
        try
        {
            var (code, fingerprint) = await agent.IssueCodeAsync();
            await Problems.AssertAsync(await operate.PostAsJsonAsync("/api/v1/hosts", new { address = agent.Address, code }), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
            await Problems.AssertAsync(await client.PostAsJsonAsync("/api/v1/hosts", new { address = agent.Address }), HttpStatusCode.BadRequest, ApiErrorCodes.FieldRequired);
            await Problems.AssertAsync(await client.PostAsJsonAsync("/api/v1/hosts", new { address = agent.Address, code = "not-a-code" }), HttpStatusCode.BadRequest, ErrorCodes.EnrolmentCodeInvalid);
            await Problems.AssertAsync(await client.PostAsJsonAsync("/api/v1/hosts", new { address = "not an address!", code }), HttpStatusCode.BadRequest, ErrorCodes.EnrolmentAddressInvalid);
            var wrong = await Problems.AssertAsync(await client.PostAsJsonAsync("/api/v1/hosts", new { address = agent.Address, code = "0000-0000-0000" }),
                HttpStatusCode.BadRequest, ErrorCodes.EnrolmentRefused);
            // The page's words: the agent's refusal worded from the same catalogue (four tries left of five).
            Assert.Equal(AgentTexts.DescribeIn(ActionResult.Fail(ErrorCodes.EnrolmentRefused, "4"), English), wrong.GetProperty("title").GetString());
            Assert.DoesNotContain(agent.HostId, await HostIdsAsync(client));

            var added = await client.PostAsJsonAsync("/api/v1/hosts", new { address = agent.Address, code = code.ToLowerInvariant() });
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            Assert.Equal(host, added.Headers.Location!.OriginalString);
            var body = await Problems.JsonAsync(added);
            Assert.Equal(agent.HostId, body.GetProperty("hostId").GetString());
            Assert.Equal(fingerprint, EnrolmentHandshake.FingerprintForDisplay(body.GetProperty("certificateSha256").GetString()!));
            await EventuallyAsync(async () => (await HostIdsAsync(client)).Contains(agent.HostId), "the added host is listed");

            // The same code again: spent, and the host is there once.
            await Problems.AssertAsync(await client.PostAsJsonAsync("/api/v1/hosts", new { address = agent.Address, code }), HttpStatusCode.BadRequest, ErrorCodes.EnrolmentNoCode);
            Assert.Single(await HostIdsAsync(client), id => id == agent.HostId);

            await Problems.AssertAsync(await operate.DeleteAsync(host), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
            await Problems.AssertAsync(await client.DeleteAsync("/api/v1/hosts/no-such-host"), HttpStatusCode.NotFound, ErrorCodes.UnknownHost);
            // The console's own host comes from its configuration: the page offers no removal, nor does the API.
            await Problems.AssertAsync(await client.DeleteAsync($"/api/v1/hosts/{api.HostId}"), HttpStatusCode.Conflict, ErrorCodes.EnrolmentNotEnrolled);
            Assert.Contains(agent.HostId, await HostIdsAsync(client));
            Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(host)).StatusCode);
            await EventuallyAsync(async () => !(await HostIdsAsync(client)).Contains(agent.HostId), "the removed host is gone");
            Assert.False(api.Factory.Services.GetRequiredService<AgentDirectory>().IsEnrolled(agent.HostId));

            await using var db = await api.Factory.Services.GetRequiredService<IDbContextFactory<WebDbContext>>().CreateDbContextAsync();
            var changes = await db.AuditEntries.Where(e => e.UserName == admin.Identity!.Name && e.Result == AuditEntry.ResultOk && !e.Action.StartsWith("api-"))
                .OrderBy(e => e.Id).ToListAsync();
            Assert.Equal([HostEnrolmentService.AuditEnrol, HostEnrolmentService.AuditRemove], changes.Select(e => e.Action));
            Assert.All(changes, e => Assert.Contains("via API token 'enroller'", e.Detail, StringComparison.Ordinal));
        }
        finally
        {
            if (api.Factory.Services.GetRequiredService<AgentDirectory>().IsEnrolled(agent.HostId))
            {
                await using var scope = api.Factory.Services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<ApiRequestUser>().User = admin;
                await scope.ServiceProvider.GetRequiredService<HostEnrolmentService>().RemoveAsync(agent.HostId);
            }
        }
    }

    private static async Task<List<string>> HostIdsAsync(HttpClient client) =>
        [.. (await Problems.JsonAsync(await client.GetAsync("/api/v1/hosts"))).EnumerateArray().Select(h => h.GetProperty("id").GetString()!)];

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not so after 30 s: {what}.");
            await Task.Delay(200);
        }
    }
}
