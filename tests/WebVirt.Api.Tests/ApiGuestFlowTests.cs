using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Web.Api;
using WebVirt.Web.Data;
using WebVirt.Web.Security;

namespace WebVirt.Api.Tests;

/// <summary>The TCG test guest driven through the API alone: found in the list, started, seen running, forced off.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiGuestFlowTests(ApiFixture api)
{
    [Fact]
    public async Task An_operate_token_starts_the_test_guest_sees_it_running_and_forces_it_off()
    {
        var operatorUser = await api.CreateUserAsync(Roles.Operator);
        using var client = api.Client(await api.CreateTokenAsync(operatorUser, ApiTokenScope.Operate, name: "flow"));

        var list = await Problems.JsonAsync(await client.GetAsync($"/api/v1/guests?hostId={api.HostId}&name={api.GuestName}&state=ShutOff"));
        var guest = Assert.Single(list.GetProperty("items").EnumerateArray());
        var path = $"/api/v1/hosts/{api.HostId}/guests/{guest.GetProperty("uuid").GetString()}";

        var started = await Problems.JsonAsync(await client.PostAsync(path + "/start", null));
        Assert.True(started.GetProperty("ok").GetBoolean());
        await WaitForStateAsync(client, path, "Running");

        var stopped = await Problems.JsonAsync(await client.PostAsync(path + "/force-off", null));
        Assert.True(stopped.GetProperty("ok").GetBoolean());
        await WaitForStateAsync(client, path, "ShutOff");

        await using var db = await api.Factory.Services.GetRequiredService<IDbContextFactory<WebDbContext>>().CreateDbContextAsync();
        var changes = await db.AuditEntries.Where(e => e.UserName == operatorUser.Identity!.Name && e.TargetGuestUuid == api.GuestUuid)
            .OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["start", "forceoff"], changes.Select(e => e.Action));
        Assert.All(changes, e =>
        {
            Assert.Equal(AuditEntry.ResultOk, e.Result);
            Assert.Contains("via API token 'flow'", e.Detail, StringComparison.Ordinal);
        });
    }

    private static async Task WaitForStateAsync(HttpClient client, string path, string state)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            last = (await Problems.JsonAsync(response)).GetProperty("summary").GetProperty("state").GetString() ?? "";
            if (last == state)
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"The guest did not become {state} (last: {last}).");
    }
}
