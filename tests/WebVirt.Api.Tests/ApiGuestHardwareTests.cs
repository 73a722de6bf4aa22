using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Web.Api;
using WebVirt.Web.Data;
using WebVirt.Web.Security;

namespace WebVirt.Api.Tests;

/// <summary>Disks, CD-ROM media, NICs and boot order through the API: applied as the hardware cards apply them, versioned by ETag, refused with their codes.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiGuestHardwareTests(ApiFixture api)
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task Disks_media_nics_and_boot_order_change_through_the_api_each_with_the_etag_of_the_one_before()
    {
        await using var guest = await ApiDiskGuest.CreateAsync("api-dev");
        await ApiFixture.WaitForGuestAsync(api.Factory, guest.Name);
        var operatorUser = await api.CreateUserAsync(Roles.Operator);
        using var client = api.Client(await api.CreateTokenAsync(operatorUser, ApiTokenScope.Operate, name: "devices"));
        var path = $"/api/v1/hosts/{api.HostId}/guests/{guest.Uuid}";
        var etag = await ApiWaits.ETagAsync(client, path);

        var first = etag;
        etag = await ApiRequests.ChangeAsync(client, HttpMethod.Post, path + "/hardware/disks", new { kind = "NewVolume", pool = guest.Pool, sizeBytes = 16 * MiB }, etag);
        Assert.NotEqual(first, etag);
        var added = Assert.Single((await HardwareAsync(client, path)).GetProperty("disks").EnumerateArray(), d => d.GetProperty("target").GetString() != "vda");
        var target = added.GetProperty("target").GetString()!;
        var volumeFile = added.GetProperty("sourcePath").GetString()!;
        Assert.Equal(guest.Pool, added.GetProperty("pool").GetString());
        Assert.Equal(16 * MiB, added.GetProperty("capacityBytes").GetInt64());

        etag = await ApiRequests.ChangeAsync(client, HttpMethod.Put, $"{path}/hardware/disks/{target}/size", new { sizeBytes = 32 * MiB }, etag);
        etag = await ApiRequests.ChangeAsync(client, HttpMethod.Put, $"{path}/hardware/disks/{target}/settings", new { cache = "writeback" }, etag);
        var resized = Disk(await HardwareAsync(client, path), target);
        Assert.Equal(32 * MiB, resized.GetProperty("capacityBytes").GetInt64());
        Assert.Equal("writeback", resized.GetProperty("cache").GetString());

        // An empty CD-ROM drive, then an ISO volume in it, then ejected again.
        etag = await ApiRequests.ChangeAsync(client, HttpMethod.Post, path + "/hardware/disks", new { kind = "Cdrom" }, etag);
        var drive = Assert.Single((await HardwareAsync(client, path)).GetProperty("disks").EnumerateArray(), d => d.GetProperty("device").GetString() == "cdrom")
            .GetProperty("target").GetString()!;
        await File.WriteAllBytesAsync(Path.Combine(guest.Directory, "media.iso"), new byte[64 * 1024]);
        guest.RefreshPool();
        etag = await ApiRequests.ChangeAsync(client, HttpMethod.Put, $"{path}/hardware/disks/{drive}/media", new { pool = guest.Pool, volume = "media.iso" }, etag);
        Assert.Equal("media.iso", Disk(await HardwareAsync(client, path), drive).GetProperty("volume").GetString());
        etag = await ApiRequests.ChangeAsync(client, HttpMethod.Put, $"{path}/hardware/disks/{drive}/media", new { }, etag);
        Assert.Equal(JsonValueKind.Null, Disk(await HardwareAsync(client, path), drive).GetProperty("sourcePath").ValueKind);

        etag = await ApiRequests.ChangeAsync(client, HttpMethod.Delete, $"{path}/hardware/disks/{target}?deleteVolume=true", null, etag);
        Assert.DoesNotContain((await HardwareAsync(client, path)).GetProperty("disks").EnumerateArray(), d => d.GetProperty("target").GetString() == target);
        Assert.False(File.Exists(volumeFile));

        const string mac = "52:54:00:a1:b2:c3";
        etag = await ApiRequests.ChangeAsync(client, HttpMethod.Post, path + "/hardware/nics", new { sourceType = "network", source = "default", mac }, etag);
        etag = await ApiRequests.ChangeAsync(client, HttpMethod.Put, $"{path}/hardware/nics/{mac}", new { sourceType = "network", source = "default", model = "e1000" }, etag);
        etag = await ApiRequests.ChangeAsync(client, HttpMethod.Put, $"{path}/hardware/nics/{mac}/link", new { up = false }, etag);
        var nic = Assert.Single((await HardwareAsync(client, path)).GetProperty("nics").EnumerateArray());
        Assert.Equal(mac, nic.GetProperty("mac").GetString());
        Assert.Equal("e1000", nic.GetProperty("model").GetString());
        Assert.False(nic.GetProperty("linkUp").GetBoolean());
        etag = await ApiRequests.ChangeAsync(client, HttpMethod.Delete, $"{path}/hardware/nics/{mac}", null, etag);
        Assert.Empty((await HardwareAsync(client, path)).GetProperty("nics").EnumerateArray());

        etag = await ApiRequests.ChangeAsync(client, HttpMethod.Put, path + "/hardware/boot", new { devices = new[] { "cdrom", "hd" }, bootMenu = true }, etag);
        var hardware = await HardwareAsync(client, path);
        Assert.Equal(["cdrom", "hd"], hardware.GetProperty("bootOrder").EnumerateArray().Select(d => d.GetString()));
        Assert.True(hardware.GetProperty("bootMenu").GetBoolean());
        Assert.Equal(etag, await ApiWaits.ETagAsync(client, path));

        await using var db = await api.Factory.Services.GetRequiredService<IDbContextFactory<WebDbContext>>().CreateDbContextAsync();
        var changes = await db.AuditEntries.Where(e => e.UserName == operatorUser.Identity!.Name && e.TargetGuestUuid == guest.Uuid)
            .OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(
            ["add-guest-disk", "resize-guest-disk", "change-guest-disk", "add-guest-disk", "insert-guest-media", "eject-guest-media", "remove-guest-disk-and-volume",
             "add-guest-nic", "update-guest-nic", "guest-nic-link-down", "remove-guest-nic", "set-guest-boot-order"],
            changes.Select(e => e.Action));
        Assert.All(changes, e => Assert.Contains("via API token 'devices'", e.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Device_changes_refuse_read_only_tokens_unknown_devices_missing_etags_and_bad_bodies_and_change_nothing()
    {
        var path = $"/api/v1/hosts/{api.HostId}/guests/{api.GuestUuid}";
        using var client = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Operator), ApiTokenScope.Operate));
        using var viewer = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Viewer), ApiTokenScope.ReadOnly));
        var etag = await ApiWaits.ETagAsync(client, path);
        var disk = new { kind = "Cdrom" };
        var nic = new { sourceType = "network", source = "default" };
        var boot = new { devices = new[] { "hd" } };

        foreach (var (method, edit, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Post, "/hardware/disks", disk), (HttpMethod.Post, "/hardware/nics", nic), (HttpMethod.Put, "/hardware/boot", boot),
        })
        {
            await Problems.AssertAsync(await viewer.SendAsync(ApiRequests.Json(method, path + edit, body, etag)), HttpStatusCode.Forbidden, "Agent.Forbidden");
            await Problems.AssertAsync(await client.SendAsync(ApiRequests.Json(method, path + edit, body, null)), (HttpStatusCode)428, ApiErrorCodes.PreconditionRequired);
            await Problems.AssertAsync(await client.SendAsync(ApiRequests.Json(method, path + edit, body, "\"0123456789abcdef0123456789abcdef\"")),
                HttpStatusCode.PreconditionFailed, ApiErrorCodes.PreconditionFailed);
            await Problems.AssertAsync(await client.SendAsync(ApiRequests.Json(method, $"/api/v1/hosts/{api.HostId}/guests/{Guid.NewGuid()}{edit}", body, etag)),
                HttpStatusCode.NotFound, "Guest.Missing");
        }

        // The fixture guest has no disk and no NIC: a path naming one is a 404 of its own.
        foreach (var (method, edit, body, code) in new (HttpMethod, string, object?, string)[]
        {
            (HttpMethod.Put, "/hardware/disks/vdz/size", new { sizeBytes = MiB }, ApiErrorCodes.DiskMissing),
            (HttpMethod.Put, "/hardware/disks/vdz/media", new { }, ApiErrorCodes.DiskMissing),
            (HttpMethod.Put, "/hardware/disks/vdz/settings", new { cache = "none" }, ApiErrorCodes.DiskMissing),
            (HttpMethod.Delete, "/hardware/disks/vdz", null, ApiErrorCodes.DiskMissing),
            (HttpMethod.Put, "/hardware/nics/52:54:00:00:00:99", nic, ApiErrorCodes.NicMissing),
            (HttpMethod.Put, "/hardware/nics/52:54:00:00:00:99/link", new { up = true }, ApiErrorCodes.NicMissing),
            (HttpMethod.Delete, "/hardware/nics/52:54:00:00:00:99", null, ApiErrorCodes.NicMissing),
        })
        {
            await Problems.AssertAsync(await client.SendAsync(ApiRequests.Json(method, path + edit, body, etag)), HttpStatusCode.NotFound, code);
        }

        await Problems.AssertAsync(await viewer.SendAsync(ApiRequests.Json(HttpMethod.Delete, path + "/hardware/disks/vdz", null, etag)), HttpStatusCode.NotFound, ApiErrorCodes.DiskMissing);
        await Problems.AssertAsync(await client.SendAsync(ApiRequests.Json(HttpMethod.Post, path + "/hardware/disks", new { pool = "x" }, etag)), HttpStatusCode.BadRequest, ApiErrorCodes.FieldRequired);
        await Problems.AssertAsync(await client.SendAsync(ApiRequests.Json(HttpMethod.Post, path + "/hardware/nics", new { sourceType = "network" }, etag)), HttpStatusCode.BadRequest, ApiErrorCodes.FieldRequired);
        await Problems.AssertAsync(await client.SendAsync(ApiRequests.Json(HttpMethod.Put, path + "/hardware/boot", new { bootMenu = true }, etag)), HttpStatusCode.BadRequest, ApiErrorCodes.FieldRequired);
        await Problems.AssertAsync(await client.SendAsync(ApiRequests.Json(HttpMethod.Put, path + "/hardware/nics/52:54:00:00:00:99/link", new { }, etag)), HttpStatusCode.BadRequest, ApiErrorCodes.FieldRequired);
        await Problems.AssertAsync(await client.SendAsync(ApiRequests.Json(HttpMethod.Delete, path + "/hardware/disks/vdz?deleteVolume=maybe", null, etag)), HttpStatusCode.BadRequest, ApiErrorCodes.FilterInvalid);
        var broken = ApiRequests.Json(HttpMethod.Post, path + "/hardware/disks", null, etag);
        broken.Content = new StringContent("{\"kind\":\"Floppy\"}", Encoding.UTF8, "application/json");
        await Problems.AssertAsync(await client.SendAsync(broken), HttpStatusCode.BadRequest, ApiErrorCodes.BodyInvalid);

        // Values the agent refuses, with the Domain's keys, as the cards' dialogs show them.
        var badBoot = await Problems.AssertAsync(await client.SendAsync(ApiRequests.Json(HttpMethod.Put, path + "/hardware/boot", new { devices = new[] { "floppy" } }, etag)),
            HttpStatusCode.BadRequest, "Input.Invalid");
        Assert.NotEmpty(badBoot.GetProperty("problems").EnumerateArray());
        var badDisk = await Problems.AssertAsync(await client.SendAsync(ApiRequests.Json(HttpMethod.Post, path + "/hardware/disks", new { kind = "NewVolume", pool = "wvt-api-no-such-pool", sizeBytes = MiB }, etag)),
            HttpStatusCode.BadRequest, "Input.Invalid");
        Assert.Contains(badDisk.GetProperty("problems").EnumerateArray(), p => p.GetProperty("key").GetString()!.Length > 0);
        Assert.Equal(etag, await ApiWaits.ETagAsync(client, path));
    }

    private static async Task<JsonElement> HardwareAsync(HttpClient client, string path)
    {
        var details = (await Problems.JsonAsync(await client.GetAsync(path))).GetProperty("details");
        // A shut-off guest's next boot is its hardware; the persistent definition is what the edits change.
        return details.GetProperty("nextBoot").ValueKind == JsonValueKind.Object ? details.GetProperty("nextBoot") : details.GetProperty("hardware");
    }

    private static JsonElement Disk(JsonElement hardware, string target) =>
        Assert.Single(hardware.GetProperty("disks").EnumerateArray(), d => d.GetProperty("target").GetString() == target);
}
