using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Testing;
using WebVirt.Web.Api;
using WebVirt.Web.Security;

namespace WebVirt.Api.Tests;

/// <summary>Guests created from a spec (ISO, network install from a loopback mirror, imported disk, PXE) through one endpoint, the preview that validates first, and the refusals of both.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiGuestCreateTests(ApiFixture api)
{
    [Fact]
    public async Task Iso_import_pxe_and_network_install_specs_preview_and_create_guests_as_tasks()
    {
        await using var pool = await ApiDiskGuest.CreateAsync("api-mk");
        await File.WriteAllBytesAsync(Path.Combine(pool.Directory, "install.iso"), new byte[64 * 1024]);
        string imported = Path.Combine(pool.Directory, "import.qcow2");
        File.Copy(Path.Combine(pool.Directory, TestGuestImages.Disk), imported);
        pool.RefreshPool();
        await ApiFixture.WaitForGuestAsync(api.Factory, pool.Name);
        await using var mirror = new InstallTreeServer(InstallTreeServer.TestGuestTree("fedora/"));
        using var client = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Administrator), ApiTokenScope.Administer, name: "maker"));
        var guests = $"/api/v1/hosts/{api.HostId}/guests";

        var specs = new (string Name, object Body)[]
        {
            (pool.Name + "-iso", new { source = "IsoVolume", name = pool.Name + "-iso", sourcePool = pool.Pool, sourcePath = Path.Combine(pool.Directory, "install.iso"),
                memoryMiB = 256, diskPool = pool.Pool, diskSizeGiB = 1, networkName = "default" }),
            (pool.Name + "-imp", new { name = pool.Name + "-imp", memoryMiB = 256, disk = "None", network = "None", sourcePath = imported, source = "ImportDisk" }),
            (pool.Name + "-pxe", new { source = "Pxe", name = pool.Name + "-pxe", memoryMiB = 256, disk = "None", networkName = "default" }),
            (pool.Name + "-net", new { source = "NetworkInstall", name = pool.Name + "-net", installUrl = mirror.Url("fedora/"), kernelArgs = "console=ttyS0",
                memoryMiB = 256, diskPool = pool.Pool, diskSizeGiB = 1, network = "None" }),
        };
        foreach (var (name, body) in specs)
        {
            pool.AlsoRemove.Add(name);
            var preview = await Problems.JsonAsync(await client.PostAsJsonAsync(guests + "/preview", body));
            Assert.Empty(preview.GetProperty("problems").EnumerateArray());
            Assert.Contains($"<name>{name}</name>", preview.GetProperty("xml").GetString(), StringComparison.Ordinal);

            var creating = await client.PostAsJsonAsync(guests, body);
            Assert.Equal(HttpStatusCode.Accepted, creating.StatusCode);
            Assert.StartsWith("/api/v1/tasks/", creating.Headers.Location!.OriginalString, StringComparison.Ordinal);
            await ApiWaits.TaskSucceededAsync(client, creating.Headers.Location!);
            var created = (await ApiWaits.GuestAsync(client, api.HostId, name))!.Value;
            if (!name.EndsWith("-net", StringComparison.Ordinal))
            {
                // start was left out; a network install boots its installer whatever it says, as in the wizard.
                Assert.Equal("ShutOff", created.GetProperty("state").GetString());
            }
        }

        // The imported guest's disk is the volume it was given, not a copy.
        var importedGuest = (await ApiWaits.GuestAsync(client, api.HostId, pool.Name + "-imp"))!.Value;
        var details = (await Problems.JsonAsync(await client.GetAsync($"{guests}/{importedGuest.GetProperty("uuid").GetString()}"))).GetProperty("details");
        Assert.Equal(imported, Assert.Single(details.GetProperty("hardware").GetProperty("disks").EnumerateArray()).GetProperty("sourcePath").GetString());
    }

    [Fact]
    public async Task Invalid_specs_list_each_field_problem_and_bad_bodies_unknown_hosts_and_read_only_tokens_are_refused()
    {
        using var client = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Administrator), ApiTokenScope.Administer));
        var guests = $"/api/v1/hosts/{api.HostId}/guests";
        var invalid = new { source = "IsoVolume", name = "bad/name", sourcePool = "wvt-api-no-such-pool", sourcePath = "/nowhere.iso", vCpus = 0, disk = "None", network = "None" };

        var preview = await Problems.JsonAsync(await client.PostAsJsonAsync(guests + "/preview", invalid));
        Assert.Equal(JsonValueKind.Null, preview.GetProperty("xml").ValueKind);
        AssertFieldProblems(preview.GetProperty("problems"));

        var refused = await Problems.AssertAsync(await client.PostAsJsonAsync(guests, invalid), HttpStatusCode.BadRequest, "Input.Invalid");
        AssertFieldProblems(refused.GetProperty("problems"));
        await ApiWaits.GuestAsync(client, api.HostId, "bad/name", present: false);

        foreach (var path in new[] { guests, guests + "/preview" })
        {
            await Problems.AssertAsync(await client.PostAsJsonAsync(path, new { name = "wvt-api-x" }), HttpStatusCode.BadRequest, ApiErrorCodes.FieldRequired);
            await Problems.AssertAsync(await client.PostAsJsonAsync(path, new { source = "Floppy", name = "wvt-api-x" }), HttpStatusCode.BadRequest, ApiErrorCodes.BodyInvalid);
            await Problems.AssertAsync(await client.PostAsync(path, new StringContent("{\"source\":\"Pxe\",\"vCpus\":\"two\"}", Encoding.UTF8, "application/json")),
                HttpStatusCode.BadRequest, ApiErrorCodes.BodyInvalid);
            await Problems.AssertAsync(await client.PostAsJsonAsync(path.Replace(api.HostId, "no-such-host", StringComparison.Ordinal), new { source = "Pxe", name = "wvt-api-x" }),
                HttpStatusCode.NotFound, "Agent.UnknownHost");
        }

        await Problems.AssertAsync(await client.PostAsJsonAsync(guests + "/preview", new { source = "Template", template = api.GuestUuid, name = "wvt-api-x" }),
            HttpStatusCode.BadRequest, ApiErrorCodes.NoPreview);
        using var viewer = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Viewer), ApiTokenScope.ReadOnly));
        await Problems.AssertAsync(await viewer.PostAsJsonAsync(guests, new { source = "Pxe", name = "wvt-api-never" }), HttpStatusCode.Forbidden, "Agent.Forbidden");
        await Problems.AssertAsync(await viewer.PostAsJsonAsync(guests + "/preview", new { source = "Pxe", name = "wvt-api-never" }), HttpStatusCode.Forbidden, "Agent.Forbidden");
    }

    [Fact]
    public async Task A_cloud_image_spec_with_a_bad_key_and_user_data_is_refused_field_by_field_and_nothing_is_made()
    {
        using var client = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Administrator), ApiTokenScope.Administer));
        var guests = $"/api/v1/hosts/{api.HostId}/guests";
        var name = "wvt-api-cloud-" + Guid.NewGuid().ToString("N")[..6];
        var spec = new
        {
            source = "CloudImage",
            name,
            sourcePool = "wvt-api-no-such-pool",
            sourcePath = "/nowhere.qcow2",
            network = "None",
            cloudInit = new { userName = "debian", sshKeys = new[] { "ssh-ed25519 not-base64!" }, hostName = "-bad-", userData = "#cloud-config\npackages: [unclosed" },
        };

        var refused = await Problems.AssertAsync(await client.PostAsJsonAsync(guests, spec), HttpStatusCode.BadRequest, "Input.Invalid");
        var fields = refused.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("field").GetString()!).ToList();
        Assert.Contains(fields, f => f.StartsWith("CloudInit.SshKeys", StringComparison.Ordinal));
        Assert.Contains(fields, f => f.StartsWith("CloudInit.HostName", StringComparison.Ordinal));
        Assert.Contains(fields, f => f.StartsWith("CloudInit.UserData", StringComparison.Ordinal));
        Assert.Contains(fields, f => f.StartsWith("Source", StringComparison.Ordinal));
        await ApiWaits.GuestAsync(client, api.HostId, name, present: false);
    }

    /// <summary>Each refused value comes with its field, its stable key and its wording; the name, the vCPUs and the ISO are each named.</summary>
    private static void AssertFieldProblems(JsonElement problems)
    {
        var list = problems.EnumerateArray().ToList();
        Assert.All(list, p =>
        {
            Assert.False(string.IsNullOrEmpty(p.GetProperty("key").GetString()));
            Assert.False(string.IsNullOrEmpty(p.GetProperty("message").GetString()));
            Assert.NotEqual(p.GetProperty("key").GetString(), p.GetProperty("message").GetString());
        });
        var fields = list.Select(p => p.GetProperty("field").GetString()!).ToList();
        Assert.Contains("Name", fields);
        Assert.Contains("VCpus", fields);
        Assert.Contains(fields, f => f.StartsWith("Source", StringComparison.Ordinal));
    }
}
