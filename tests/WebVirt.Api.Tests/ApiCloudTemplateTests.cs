using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Testing;
using WebVirt.Web.Api;
using WebVirt.Web.Security;

namespace WebVirt.Api.Tests;

/// <summary>
/// Templates from cloud images through the API: the defaults a cloud guest keeps, a copy with its
/// own host name, keys and a grown disk, and the refusals of bad keys, a shrinking disk and settings
/// for a guest that has none.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ApiCloudTemplateTests(ApiFixture api)
{
    private const string Key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJmF3Q4dHOs3TPVGPJEj+Egt9R0xgOnxGGrD54sUSYTp alice@example";
    private const string NewKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDveO6iUht4ncnfo5aBsRS2K+Pa32uwq+NXJj2A2xT1R bob@clone";

    [Fact]
    public async Task A_cloud_template_shows_its_defaults_and_gives_a_copy_its_own_seed_and_a_grown_disk()
    {
        await using var pool = await ApiDiskGuest.CreateAsync("api-ctpl");
        var (client, templatePath, template) = await CloudTemplateAsync(pool);
        string copy = template + "-copy";
        pool.AlsoRemove.Add(copy);

        var defaults = await Problems.JsonAsync(await client.GetAsync(templatePath + "/cloud-init-defaults"));
        Assert.True(defaults.GetProperty("hasDefaults").GetBoolean());
        Assert.Equal("alice", defaults.GetProperty("userName").GetString());
        Assert.Equal([Key], defaults.GetProperty("sshKeys").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(2, defaults.GetProperty("diskSizeGiB").GetInt64());
        var plain = await Problems.JsonAsync(await client.GetAsync($"/api/v1/hosts/{api.HostId}/guests/{pool.Uuid}/cloud-init-defaults"));
        Assert.False(plain.GetProperty("hasDefaults").GetBoolean());

        var creating = await client.PostAsJsonAsync($"/api/v1/hosts/{api.HostId}/guests", new
        {
            source = "Template", template = TemplateUuid(templatePath), name = copy, diskSizeGiB = 3,
            cloudInit = new { hostName = "api-host-3", sshKeys = new[] { NewKey } },
        });
        Assert.Equal(HttpStatusCode.Accepted, creating.StatusCode);
        await ApiWaits.TaskSucceededAsync(client, creating.Headers.Location!);

        using var connection = LibvirtConnection.Open(ApiFixture.LibvirtUri);
        using (var disk = connection.LookupStorageVolumeByPath(Path.Combine(pool.Directory, copy + ".qcow2")))
        {
            Assert.Equal(3UL << 30, disk.GetInfo().CapacityBytes);
        }

        using var domain = connection.LookupDomainByName(copy);
        string xml = domain.GetXmlDesc(inactive: true);
        Assert.Contains(Path.Combine(pool.Directory, copy + "-cidata.iso"), xml, StringComparison.Ordinal);
        Assert.DoesNotContain(template + "-cidata.iso", xml, StringComparison.Ordinal);
        Assert.Contains(NewKey, xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_keys_a_shrinking_disk_and_settings_for_a_plain_guest_are_refused_at_their_fields()
    {
        await using var pool = await ApiDiskGuest.CreateAsync("api-ctplbad");
        var (client, templatePath, template) = await CloudTemplateAsync(pool);
        string copy = template + "-copy";
        pool.AlsoRemove.Add(copy);

        var refused = await Problems.AssertAsync(
            await client.PostAsJsonAsync(templatePath + "/clone", new { name = copy, diskSizeGiB = 0, cloudInit = new { hostName = "under_score", sshKeys = new[] { "ssh-ed25519 AAAA!!!! me" } } }),
            HttpStatusCode.BadRequest, "Input.Invalid");
        Assert.Equal(["CloudInit.HostName", "CloudInit.SshKeys", "DiskSizeGiB"], Fields(refused));
        var smaller = await Problems.AssertAsync(
            await client.PostAsJsonAsync($"/api/v1/hosts/{api.HostId}/guests", new { source = "Template", template = TemplateUuid(templatePath), name = copy, diskSizeGiB = 1 }),
            HttpStatusCode.BadRequest, "Input.Invalid");
        Assert.Equal(["DiskSizeGiB"], Fields(smaller));
        Assert.Equal("Clone.DiskSmaller", smaller.GetProperty("problems")[0].GetProperty("key").GetString());
        var plain = await Problems.AssertAsync(
            await client.PostAsJsonAsync($"/api/v1/hosts/{api.HostId}/guests/{pool.Uuid}/clone", new { name = copy, cloudInit = new { hostName = "x" } }),
            HttpStatusCode.BadRequest, "Input.Invalid");
        Assert.Equal(["CloudInit"], Fields(plain));

        await ApiWaits.GuestAsync(client, api.HostId, copy, present: false);
        Assert.DoesNotContain(Directory.EnumerateFiles(pool.Directory), f => Path.GetFileName(f).StartsWith(copy, StringComparison.Ordinal));
    }

    /// <summary>A cloud guest made through the API from a copy of the test guest's disk, marked as template.</summary>
    private async Task<(HttpClient Client, string TemplatePath, string Name)> CloudTemplateAsync(ApiDiskGuest pool)
    {
        string image = Path.Combine(pool.Directory, "cloud-image.qcow2");
        File.Copy(Path.Combine(pool.Directory, TestGuestImages.Disk), image);
        pool.RefreshPool();
        await ApiFixture.WaitForGuestAsync(api.Factory, pool.Name);
        string name = pool.Name + "-tpl";
        pool.AlsoRemove.Add(name);
        var client = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Administrator), ApiTokenScope.Administer));
        var creating = await client.PostAsJsonAsync($"/api/v1/hosts/{api.HostId}/guests", new
        {
            source = "CloudImage", name, sourcePool = pool.Pool, sourcePath = image, memoryMiB = 256, diskPool = pool.Pool, diskSizeGiB = 2, network = "None",
            cloudInit = new { userName = "alice", password = "Plain-pw-9", sshKeys = new[] { Key } },
        });
        Assert.Equal(HttpStatusCode.Accepted, creating.StatusCode);
        await ApiWaits.TaskSucceededAsync(client, creating.Headers.Location!);
        string uuid = (await ApiWaits.GuestAsync(client, api.HostId, name))!.Value.GetProperty("uuid").GetString()!;
        string path = $"/api/v1/hosts/{api.HostId}/guests/{uuid}";
        Assert.True((await Problems.JsonAsync(await client.PostAsync(path + "/mark-template", null))).GetProperty("ok").GetBoolean());
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!(await Problems.JsonAsync(await client.GetAsync(path))).GetProperty("summary").GetProperty("isTemplate").GetBoolean())
        {
            Assert.True(DateTime.UtcNow < deadline, "The guest never showed as a template.");
            await Task.Delay(250);
        }

        return (client, path, name);
    }

    private static string TemplateUuid(string templatePath) => templatePath[(templatePath.LastIndexOf('/') + 1)..];

    private static List<string> Fields(JsonElement problem) =>
        [.. problem.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("field").GetString()!).Distinct().Order(StringComparer.Ordinal)];
}
