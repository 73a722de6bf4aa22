using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Web.Api;
using WebVirt.Web.Data;
using WebVirt.Web.Security;

namespace WebVirt.Api.Tests;

/// <summary>A guest's raw XML through the API as the guest page's XML editor reads and saves it: ETag, If-Match, the same refusals.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiGuestXmlTests(ApiFixture api)
{
    [Fact]
    public async Task An_administrator_reads_and_saves_the_xml_with_the_guests_etag_and_bad_edits_change_nothing()
    {
        await using var guest = await ApiDiskGuest.CreateAsync("api-xml");
        await ApiFixture.WaitForGuestAsync(api.Factory, guest.Name);
        var admin = await api.CreateUserAsync(Roles.Administrator);
        using var client = api.Client(await api.CreateTokenAsync(admin, ApiTokenScope.Administer, name: "xml-editor"));
        using var operate = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Operator), ApiTokenScope.Operate));
        var guestPath = $"/api/v1/hosts/{api.HostId}/guests/{guest.Uuid}";
        var path = guestPath + "/xml";

        var read = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("application/xml", read.Content.Headers.ContentType?.MediaType);
        var xml = await read.Content.ReadAsStringAsync();
        Assert.Contains($"<name>{guest.Name}</name>", xml, StringComparison.Ordinal);
        var etag = read.Headers.ETag!.Tag;
        Assert.Equal(await ApiWaits.ETagAsync(client, guestPath), etag);
        // The guest is shut off: it has no live definition; a flag that is not a boolean is refused.
        await Problems.AssertAsync(await client.GetAsync(path + "?live=true"), HttpStatusCode.Conflict, ApiErrorCodes.NoLiveXml);
        await Problems.AssertAsync(await client.GetAsync(path + "?live=maybe"), HttpStatusCode.BadRequest, ApiErrorCodes.FilterInvalid);

        var edited = xml.Replace($"<name>{guest.Name}</name>", $"<name>{guest.Name}</name>\n  <title>edited through the API</title>", StringComparison.Ordinal);
        await Problems.AssertAsync(await client.SendAsync(Xml(path, edited, null)), (HttpStatusCode)428, ApiErrorCodes.PreconditionRequired);
        await Problems.AssertAsync(await client.SendAsync(Xml(path, edited, "\"0123\"")), HttpStatusCode.PreconditionFailed, ApiErrorCodes.PreconditionFailed);
        await Problems.AssertAsync(await operate.SendAsync(Xml(path, edited, etag)), HttpStatusCode.Forbidden, "Agent.Forbidden");
        await Problems.AssertAsync(await client.SendAsync(ApiRequests.Json(HttpMethod.Put, path, new { xml = edited }, etag)),
            HttpStatusCode.BadRequest, ApiErrorCodes.XmlBodyInvalid);
        await Problems.AssertAsync(await client.SendAsync(Xml(path, "  ", etag)), HttpStatusCode.BadRequest, ApiErrorCodes.XmlBodyInvalid);
        // The editor's refusals: another name (the agent's identity rule, with the Domain's key) and XML libvirt rejects.
        var renamed = await client.SendAsync(Xml(path, xml.Replace($"<name>{guest.Name}</name>", "<name>wvt-api16-other</name>", StringComparison.Ordinal), etag));
        await Problems.AssertAsync(renamed, HttpStatusCode.BadRequest, "Input.Invalid");
        await Problems.AssertAsync(await client.SendAsync(Xml(path, "<domain type='qemu'><name>", etag)), HttpStatusCode.BadRequest, "Input.Invalid");
        var rejected = await client.SendAsync(Xml(path, xml.Replace("</devices>", "<disk type='file' device='disk'><target dev='vda' bus='virtio'/></disk></devices>", StringComparison.Ordinal), etag));
        var rejection = await rejected.Content.ReadAsStringAsync();
        Assert.True(rejected.StatusCode == HttpStatusCode.BadRequest, rejection);
        Assert.Contains("\"code\":\"VIR_ERR_", rejection, StringComparison.Ordinal);
        Assert.Equal(etag, await ApiWaits.ETagAsync(client, guestPath));

        var saved = await client.SendAsync(Xml(path, edited, etag));
        Assert.True((await Problems.JsonAsync(saved)).GetProperty("ok").GetBoolean());
        Assert.NotEqual(etag, saved.Headers.ETag!.Tag);
        var after = await client.GetAsync(path);
        Assert.Contains("<title>edited through the API</title>", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(saved.Headers.ETag!.Tag, after.Headers.ETag!.Tag);
        // The old tag is stale now.
        await Problems.AssertAsync(await client.SendAsync(Xml(path, xml, etag)), HttpStatusCode.PreconditionFailed, ApiErrorCodes.PreconditionFailed);

        await using var db = await api.Factory.Services.GetRequiredService<IDbContextFactory<WebDbContext>>().CreateDbContextAsync();
        var changes = await db.AuditEntries.Where(e => e.UserName == admin.Identity!.Name && e.Action == "edit-guest-xml").OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(AuditEntry.ResultOk, changes[^1].Result);
        Assert.All(changes, e => Assert.Contains("via API token 'xml-editor'", e.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_xml_of_an_unknown_guest_or_host_is_404()
    {
        using var client = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Administrator), ApiTokenScope.Administer));
        await Problems.AssertAsync(await client.GetAsync($"/api/v1/hosts/{api.HostId}/guests/{Guid.NewGuid()}/xml"), HttpStatusCode.NotFound, "Guest.Missing");
        await Problems.AssertAsync(await client.SendAsync(Xml($"/api/v1/hosts/{api.HostId}/guests/{Guid.NewGuid()}/xml", "<domain/>", "*")),
            HttpStatusCode.NotFound, "Guest.Missing");
        await Problems.AssertAsync(await client.GetAsync($"/api/v1/hosts/no-such-host/guests/{api.GuestUuid}/xml"), HttpStatusCode.NotFound, "Agent.UnknownHost");
    }

    private static HttpRequestMessage Xml(string path, string xml, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = new StringContent(xml, Encoding.UTF8, "application/xml") };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }
}
