using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Web.Api;
using WebVirt.Web.Data;
using WebVirt.Testing;
using WebVirt.Web.Security;

namespace WebVirt.Api.Tests;

/// <summary>A volume uploaded through the API, streamed through the Storage page's relay to the agent, and its refusals.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiVolumeContentTests(ApiFixture api)
{
    [Fact]
    public async Task An_administer_token_uploads_a_volume_and_refusals_leave_nothing_behind()
    {
        await using var guest = await ApiDiskGuest.CreateAsync("api-up");
        var admin = await api.CreateUserAsync(Roles.Administrator);
        using var client = api.Client(await api.CreateTokenAsync(admin, ApiTokenScope.Administer, name: "uploader"));
        using var operate = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Operator), ApiTokenScope.Operate));
        var volumes = $"/api/v1/hosts/{api.HostId}/storage-pools/{guest.Pool}/volumes";
        var content = new byte[3 * 1024 * 1024 + 17];
        Random.Shared.NextBytes(content);

        var uploaded = await client.PutAsync(volumes + "/up.iso/content", Bytes(content));
        await Problems.JsonAsync(uploaded);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        Assert.Equal($"{volumes}/up.iso", uploaded.Headers.Location!.OriginalString);
        // The volume is the body, padded with zeros to the pool's allocation unit as the page's upload makes it.
        var written = await File.ReadAllBytesAsync(Path.Combine(guest.Directory, "up.iso"));
        Assert.Equal(content, written[..content.Length]);
        Assert.All(written[content.Length..], b => Assert.Equal(0, b));
        Assert.Equal(written.Length, (await Problems.JsonAsync(await client.GetAsync(volumes + "/up.iso"))).GetProperty("capacityBytes").GetInt64());

        // The name is taken now: the agent refuses before reading, with the Domain's key.
        await Problems.AssertAsync(await client.PutAsync(volumes + "/up.iso/content", Bytes(content)), HttpStatusCode.BadRequest, "Input.Invalid");
        await Problems.AssertAsync(await operate.PutAsync(volumes + "/other.iso/content", Bytes(content)), HttpStatusCode.Forbidden, "Agent.Forbidden");
        await Problems.AssertAsync(await client.PutAsync($"/api/v1/hosts/{api.HostId}/storage-pools/no-such-pool/volumes/x.iso/content", Bytes(content)),
            HttpStatusCode.NotFound, ApiErrorCodes.PoolMissing);
        var unsized = new StreamContent(new MemoryStream(content));
        unsized.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var chunked = new HttpRequestMessage(HttpMethod.Put, volumes + "/chunked.iso/content") { Content = unsized };
        chunked.Headers.TransferEncodingChunked = true;
        await Problems.AssertAsync(await client.SendAsync(chunked), HttpStatusCode.LengthRequired, "Upload.NoLength");
        Assert.Equal(["up.iso"], Directory.GetFiles(guest.Directory, "*.iso").Select(Path.GetFileName));

        await using var db = await api.Factory.Services.GetRequiredService<IDbContextFactory<WebDbContext>>().CreateDbContextAsync();
        var records = await db.AuditEntries.Where(e => e.UserName == admin.Identity!.Name && e.Action == "upload-volume").OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([AuditEntry.ResultOk, AuditEntry.ResultError, AuditEntry.ResultError], records.Select(e => e.Result));
        Assert.All(records, e => Assert.Contains("via API token 'uploader'", e.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_administer_token_downloads_a_volume_streamed_with_its_length_and_others_are_refused()
    {
        await using var guest = await ApiDiskGuest.CreateAsync("api-down");
        using var client = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Administrator), ApiTokenScope.Administer));
        using var operate = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Operator), ApiTokenScope.Operate));
        using var adminReading = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Administrator), ApiTokenScope.ReadOnly));
        var volumes = $"/api/v1/hosts/{api.HostId}/storage-pools/{guest.Pool}/volumes";
        // A raw file of its own, with a tail that is not a whole chunk, next to the guest's qcow2 disk.
        var raw = new byte[2 * 1024 * 1024 + 4099];
        Random.Shared.NextBytes(raw);
        await File.WriteAllBytesAsync(Path.Combine(guest.Directory, "data.img"), raw);
        guest.RefreshPool();

        foreach (var (volume, expected) in new[] { ("data.img", raw), (TestGuestImages.Disk, await File.ReadAllBytesAsync(Path.Combine(guest.Directory, TestGuestImages.Disk))) })
        {
            using var response = await client.GetAsync($"{volumes}/{volume}/content", HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(expected.Length, response.Content.Headers.ContentLength);
            Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
            Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync());
        }

        await Problems.AssertAsync(await operate.GetAsync($"{volumes}/data.img/content"), HttpStatusCode.Forbidden, "Agent.Forbidden");
        await Problems.AssertAsync(await adminReading.GetAsync($"{volumes}/data.img/content"), HttpStatusCode.Forbidden, "Agent.Forbidden");
        await Problems.AssertAsync(await client.GetAsync($"{volumes}/no-such.img/content"), HttpStatusCode.NotFound, ApiErrorCodes.VolumeMissing);
        await Problems.AssertAsync(await client.GetAsync($"/api/v1/hosts/{api.HostId}/storage-pools/no-such-pool/volumes/data.img/content"),
            HttpStatusCode.NotFound, ApiErrorCodes.PoolMissing);
    }

    private static ByteArrayContent Bytes(byte[] content)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return body;
    }
}
