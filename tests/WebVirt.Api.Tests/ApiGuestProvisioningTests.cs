using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Web.Api;
using WebVirt.Web.Data;
using WebVirt.Web.Security;

namespace WebVirt.Api.Tests;

/// <summary>Clone, create from a template and delete through the API on a real qcow2 guest, their tasks, their refusals and their audit.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiGuestProvisioningTests(ApiFixture api)
{
    [Fact]
    public async Task An_administer_token_clones_a_guest_and_deletes_the_clone_with_its_disk_and_both_are_audited()
    {
        await using var source = await ApiDiskGuest.CreateAsync("api-clone");
        string cloneName = source.Name + "-copy";
        source.AlsoRemove.Add(cloneName);
        await ApiFixture.WaitForGuestAsync(api.Factory, source.Name);
        var admin = await api.CreateUserAsync(Roles.Administrator);
        using var client = api.Client(await api.CreateTokenAsync(admin, ApiTokenScope.Administer, name: "cloner"));

        var cloning = await client.PostAsJsonAsync($"/api/v1/hosts/{api.HostId}/guests/{source.Uuid}/clone", new { name = cloneName });
        Assert.Equal(HttpStatusCode.Accepted, cloning.StatusCode);
        var location = cloning.Headers.Location!;
        var accepted = await Problems.JsonAsync(cloning);
        Assert.Equal($"/api/v1/tasks/{accepted.GetProperty("taskId").GetString()}", location.OriginalString);
        Assert.Equal("clone", accepted.GetProperty("kind").GetString());
        Assert.Equal(cloneName, accepted.GetProperty("target").GetString());

        // The agents cannot stop a started task: a stable code says so, after the same right as starting one.
        using var viewer = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Viewer), ApiTokenScope.ReadOnly));
        await Problems.AssertAsync(await viewer.PostAsync(location + "/cancel", null), HttpStatusCode.Forbidden, "Agent.Forbidden");
        await Problems.AssertAsync(await client.PostAsync(location + "/cancel", null), HttpStatusCode.Conflict, ApiErrorCodes.TaskNotCancellable);

        await ApiWaits.TaskSucceededAsync(client, location);
        var clone = (await ApiWaits.GuestAsync(client, api.HostId, cloneName))!.Value;
        var clonePath = $"/api/v1/hosts/{api.HostId}/guests/{clone.GetProperty("uuid").GetString()}";

        var plan = await Problems.JsonAsync(await client.GetAsync(clonePath + "/delete-plan"));
        var disk = Assert.Single(plan.GetProperty("disks").EnumerateArray());
        Assert.Equal(source.Pool, disk.GetProperty("pool").GetString());
        var diskFile = disk.GetProperty("path").GetString()!;
        Assert.True(File.Exists(diskFile));

        // A delete names the version the client saw: none is 428, another 412, and neither deletes anything.
        await Problems.AssertAsync(await client.DeleteAsync(clonePath + "?deleteDisks=true"), (HttpStatusCode)428, ApiErrorCodes.PreconditionRequired);
        await Problems.AssertAsync(await client.SendAsync(WithIfMatch(HttpMethod.Delete, clonePath + "?deleteDisks=true", "\"0123456789abcdef\"")),
            HttpStatusCode.PreconditionFailed, ApiErrorCodes.PreconditionFailed);
        var etag = await ApiWaits.ETagAsync(client, clonePath);
        var deleting = await client.SendAsync(WithIfMatch(HttpMethod.Delete, clonePath + "?deleteDisks=true", etag));
        Assert.Equal(HttpStatusCode.Accepted, deleting.StatusCode);
        Assert.Equal("delete", (await Problems.JsonAsync(deleting)).GetProperty("kind").GetString());
        await ApiWaits.TaskSucceededAsync(client, deleting.Headers.Location!);
        await ApiWaits.GuestAsync(client, api.HostId, cloneName, present: false);
        Assert.False(File.Exists(diskFile));
        Assert.True(File.Exists(Path.Combine(source.Directory, WebVirt.Testing.TestGuestImages.Disk)));

        await using var db = await api.Factory.Services.GetRequiredService<IDbContextFactory<WebDbContext>>().CreateDbContextAsync();
        var changes = await db.AuditEntries.Where(e => e.UserName == admin.Identity!.Name && (e.Action == "clone-guest" || e.Action == "delete-guest"))
            .OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["clone-guest", "delete-guest"], changes.Select(e => e.Action));
        Assert.All(changes, e =>
        {
            Assert.Equal(AuditEntry.ResultOk, e.Result);
            Assert.Contains("via API token 'cloner'", e.Detail, StringComparison.Ordinal);
        });
        Assert.Contains("with disks", changes[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_made_through_the_api_gives_a_new_guest_which_is_deleted_again()
    {
        await using var template = await ApiDiskGuest.CreateAsync("api-tmpl");
        string newName = template.Name + "-new";
        template.AlsoRemove.Add(newName);
        await ApiFixture.WaitForGuestAsync(api.Factory, template.Name);
        using var client = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Administrator), ApiTokenScope.Administer));
        var templatePath = $"/api/v1/hosts/{api.HostId}/guests/{template.Uuid}";

        await Problems.AssertAsync(await client.PostAsJsonAsync($"/api/v1/hosts/{api.HostId}/guests", new { source = "Template", template = template.Uuid, name = newName }),
            HttpStatusCode.BadRequest, ApiErrorCodes.NotATemplate);
        Assert.True((await Problems.JsonAsync(await client.PostAsync(templatePath + "/mark-template", null))).GetProperty("ok").GetBoolean());
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!(await Problems.JsonAsync(await client.GetAsync(templatePath))).GetProperty("summary").GetProperty("isTemplate").GetBoolean())
        {
            Assert.True(DateTime.UtcNow < deadline, "The guest never showed as a template.");
            await Task.Delay(250);
        }

        var creating = await client.PostAsJsonAsync($"/api/v1/hosts/{api.HostId}/guests", new { source = "Template", template = template.Uuid, name = newName, linked = true });
        Assert.Equal(HttpStatusCode.Accepted, creating.StatusCode);
        await ApiWaits.TaskSucceededAsync(client, creating.Headers.Location!);
        var created = (await ApiWaits.GuestAsync(client, api.HostId, newName))!.Value;
        Assert.False(created.GetProperty("isTemplate").GetBoolean());

        var createdPath = $"/api/v1/hosts/{api.HostId}/guests/{created.GetProperty("uuid").GetString()}";
        var deleting = await client.SendAsync(WithIfMatch(HttpMethod.Delete, createdPath + "?deleteDisks=true", await ApiWaits.ETagAsync(client, createdPath)));
        Assert.Equal(HttpStatusCode.Accepted, deleting.StatusCode);
        await ApiWaits.TaskSucceededAsync(client, deleting.Headers.Location!);
        await ApiWaits.GuestAsync(client, api.HostId, newName, present: false);
        Assert.True((await Problems.JsonAsync(await client.PostAsync(templatePath + "/unmark-template", null))).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Provisioning_calls_refuse_bad_bodies_unknown_guests_and_tasks_and_tokens_without_the_right()
    {
        var guestPath = $"/api/v1/hosts/{api.HostId}/guests/{api.GuestUuid}";
        using var viewer = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Viewer), ApiTokenScope.ReadOnly));
        await Problems.AssertAsync(await viewer.PostAsJsonAsync(guestPath + "/clone", new { name = "wvt-never" }), HttpStatusCode.Forbidden, "Agent.Forbidden");
        await Problems.AssertAsync(await viewer.PostAsync(guestPath + "/mark-template", null), HttpStatusCode.Forbidden, "Agent.Forbidden");

        // An operator may clone but not delete: the plan and the delete are refused as in the UI.
        using var operatorClient = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Operator), ApiTokenScope.Operate));
        await Problems.AssertAsync(await operatorClient.GetAsync(guestPath + "/delete-plan"), HttpStatusCode.Forbidden, "Agent.Forbidden");
        var etag = await ApiWaits.ETagAsync(operatorClient, guestPath);
        await Problems.AssertAsync(await operatorClient.SendAsync(WithIfMatch(HttpMethod.Delete, guestPath, etag)), HttpStatusCode.Forbidden, "Agent.Forbidden");
        await Problems.AssertAsync(await operatorClient.PostAsync(guestPath + "/clone", new StringContent("[1,", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, ApiErrorCodes.BodyInvalid);
        await Problems.AssertAsync(await operatorClient.PostAsJsonAsync(guestPath + "/clone", new { start = true }), HttpStatusCode.BadRequest, ApiErrorCodes.FieldRequired);
        await Problems.AssertAsync(await operatorClient.PostAsJsonAsync(guestPath + "/clone", new { name = "bad/name" }), HttpStatusCode.BadRequest, "Input.Invalid");
        await Problems.AssertAsync(await operatorClient.PostAsJsonAsync($"/api/v1/hosts/{api.HostId}/guests/{Guid.NewGuid()}/clone", new { name = "x" }),
            HttpStatusCode.NotFound, "Guest.Missing");

        var guests = $"/api/v1/hosts/{api.HostId}/guests";
        await Problems.AssertAsync(await operatorClient.PostAsJsonAsync(guests, new { source = "Template", name = "x" }), HttpStatusCode.BadRequest, ApiErrorCodes.FieldRequired);
        await Problems.AssertAsync(await operatorClient.PostAsJsonAsync(guests, new { source = "Template", template = api.GuestUuid }), HttpStatusCode.BadRequest, ApiErrorCodes.FieldRequired);
        await Problems.AssertAsync(await operatorClient.PostAsJsonAsync(guests, new { source = "Template", template = Guid.NewGuid().ToString(), name = "x" }), HttpStatusCode.NotFound, "Guest.Missing");
        await Problems.AssertAsync(await operatorClient.PostAsJsonAsync(guests, new { source = "Template", template = api.GuestUuid, name = "x" }), HttpStatusCode.BadRequest, ApiErrorCodes.NotATemplate);

        using var admin = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Administrator), ApiTokenScope.Administer));
        await Problems.AssertAsync(await admin.DeleteAsync($"/api/v1/hosts/{api.HostId}/guests/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "Guest.Missing");
        await Problems.AssertAsync(await admin.SendAsync(WithIfMatch(HttpMethod.Delete, guestPath + "?deleteDisks=maybe", etag)), HttpStatusCode.BadRequest, ApiErrorCodes.FilterInvalid);
        await Problems.AssertAsync(await admin.PostAsync("/api/v1/tasks/no-such-task/cancel", null), HttpStatusCode.NotFound, "Task.Missing");
    }

    private static HttpRequestMessage WithIfMatch(HttpMethod method, string path, string etag)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }
}
