using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Contracts;
using WebVirt.Testing;
using WebVirt.Web.Api;
using WebVirt.Web.Data;
using WebVirt.Web.Security;

namespace WebVirt.Api.Tests;

/// <summary>
/// The Storage page's "download from a URL" through the API on the real agent: an image served from
/// loopback lands in the pool as a volume, checked against its sum; a bad URL or a taken name is
/// refused before anything is fetched or made, and an operator may not download.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ApiVolumeDownloadTests(ApiFixture api)
{
    private const int Size = 1024 * 1024;

    [Fact]
    public async Task An_image_is_downloaded_into_the_pool_and_bad_requests_make_nothing()
    {
        await using var target = await ApiDiskGuest.CreateAsync("api-download");
        var image = Enumerable.Range(0, Size).Select(i => (byte)(i % 251)).ToArray();
        await using var server = new InstallTreeServer(new() { ["img/small.img"] = () => new MemoryStream(image) });
        var admin = await api.CreateUserAsync(Roles.Administrator);
        using var client = api.Client(await api.CreateTokenAsync(admin, ApiTokenScope.Administer, name: "downloader"));
        using var operate = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Operator), ApiTokenScope.Operate));
        var pool = $"/api/v1/hosts/{api.HostId}/storage-pools/{target.Pool}";
        var downloads = pool + "/downloads";
        var url = server.Url("img/small.img");

        await Problems.AssertAsync(await operate.PostAsJsonAsync(downloads, new { url }), HttpStatusCode.Forbidden, "Agent.Forbidden");
        var scheme = await Problems.AssertAsync(await client.PostAsJsonAsync(downloads, new { url = url.Replace("http://", "ftp://", StringComparison.Ordinal) }),
            HttpStatusCode.BadRequest, ErrorCodes.InputInvalid);
        Assert.Contains(scheme.GetProperty("problems").EnumerateArray(), p => p.GetProperty("field").GetString() == "Url");
        var taken = await Problems.AssertAsync(await client.PostAsJsonAsync(downloads, new { url, name = TestGuestImages.Disk }), HttpStatusCode.BadRequest, ErrorCodes.InputInvalid);
        Assert.Contains(taken.GetProperty("problems").EnumerateArray(), p => p.GetProperty("field").GetString() == "VolumeName");
        await Problems.AssertAsync(await client.PostAsJsonAsync(downloads, new { name = "x.img" }), HttpStatusCode.BadRequest, ApiErrorCodes.FieldRequired);
        await Problems.AssertAsync(await client.PostAsJsonAsync($"{pool}-none/downloads", new { url }), HttpStatusCode.NotFound, ApiErrorCodes.PoolMissing);
        // Refused before the agent asked the server for a byte, and nothing written into the pool.
        Assert.Empty(server.Requests);
        Assert.False(File.Exists(Path.Combine(target.Directory, "small.img")));

        var started = await client.PostAsJsonAsync(downloads, new { url, checksum = Convert.ToHexStringLower(SHA256.HashData(image)) });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.StartsWith("/api/v1/tasks/", started.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var task = await ApiWaits.TaskSucceededAsync(client, started.Headers.Location);
        Assert.Equal("small.img", task.GetProperty("target").GetString());

        var volume = await Problems.JsonAsync(await client.GetAsync(pool + "/volumes/small.img"));
        Assert.Equal(Size, volume.GetProperty("capacityBytes").GetInt64());
        Assert.Equal(image, await File.ReadAllBytesAsync(Path.Combine(target.Directory, "small.img")));

        await using var db = await api.Factory.Services.GetRequiredService<IDbContextFactory<WebDbContext>>().CreateDbContextAsync();
        var entry = Assert.Single(await db.AuditEntries.Where(e => e.UserName == admin.Identity!.Name && e.Action == "download-volume" && e.Result == AuditEntry.ResultOk).ToListAsync());
        Assert.Contains("via API token 'downloader'", entry.Detail, StringComparison.Ordinal);
    }
}
