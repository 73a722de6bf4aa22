using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Libvirt;
using WebVirt.Testing;
using WebVirt.Web.Api;
using WebVirt.Web.Data;
using WebVirt.Web.Security;

namespace WebVirt.Api.Tests;

/// <summary>Pools, volumes and networks made, changed and deleted through the API as the Storage and Networks pages do, and refused without the right.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiStorageNetworkChangeTests(ApiFixture api)
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task An_administer_token_makes_changes_and_deletes_a_pool_and_its_volumes()
    {
        string name = TestRun.GuestName("api-pool-" + Guid.NewGuid().ToString("N")[..6]);
        string runDirectory = TestGuestImages.CreateRunDirectory();
        string directory = Path.Combine(runDirectory, "pool");
        var admin = await api.CreateUserAsync(Roles.Administrator);
        using var client = api.Client(await api.CreateTokenAsync(admin, ApiTokenScope.Administer, name: "storage"));
        using var operate = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Operator), ApiTokenScope.Operate));
        var pools = $"/api/v1/hosts/{api.HostId}/storage-pools";
        var pool = $"{pools}/{name}";
        try
        {
            var body = new { name, kind = "Directory", targetPath = directory };
            await Problems.AssertAsync(await operate.PostAsJsonAsync(pools, body), HttpStatusCode.Forbidden, "Agent.Forbidden");
            var created = await client.PostAsJsonAsync(pools, body);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal(pool, created.Headers.Location!.OriginalString);
            var shown = await Problems.JsonAsync(await client.GetAsync(pool));
            Assert.True(shown.GetProperty("active").GetBoolean() && shown.GetProperty("autostart").GetBoolean());
            await Problems.JsonAsync(await client.PutAsJsonAsync(pool + "/autostart", new { enabled = false }));
            Assert.False((await Problems.JsonAsync(await client.GetAsync(pool))).GetProperty("autostart").GetBoolean());

            await Problems.AssertAsync(await operate.PostAsJsonAsync(pool + "/volumes", new { name = "a.qcow2", capacityBytes = 8 * MiB }), HttpStatusCode.Forbidden, "Agent.Forbidden");
            var volume = await client.PostAsJsonAsync(pool + "/volumes", new { name = "a.qcow2", capacityBytes = 8 * MiB });
            Assert.Equal(HttpStatusCode.Created, volume.StatusCode);
            Assert.Equal(8 * MiB, (await Problems.JsonAsync(await client.GetAsync(volume.Headers.Location))).GetProperty("capacityBytes").GetInt64());
            await Problems.JsonAsync(await client.PutAsJsonAsync(pool + "/volumes/a.qcow2/size", new { capacityBytes = 16 * MiB }));
            Assert.Equal(16 * MiB, (await Problems.JsonAsync(await client.GetAsync(pool + "/volumes/a.qcow2"))).GetProperty("capacityBytes").GetInt64());
            var clone = await client.PostAsJsonAsync(pool + "/volumes/a.qcow2/clone", new { newName = "b.qcow2" });
            await Problems.JsonAsync(clone);
            Assert.Equal(HttpStatusCode.Created, clone.StatusCode);
            Assert.Equal("qcow2", (await Problems.JsonAsync(await client.GetAsync(pool + "/volumes/b.qcow2"))).GetProperty("format").GetString());
            await Problems.AssertAsync(await operate.DeleteAsync(pool + "/volumes/b.qcow2"), HttpStatusCode.Forbidden, "Agent.Forbidden");
            Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(pool + "/volumes/b.qcow2")).StatusCode);
            await Problems.AssertAsync(await client.GetAsync(pool + "/volumes/b.qcow2"), HttpStatusCode.NotFound, ApiErrorCodes.VolumeMissing);

            // Refusals of the agent and of the API on a pool that exists.
            await Problems.AssertAsync(await client.PostAsJsonAsync(pool + "/volumes", new { name = "bad/name", capacityBytes = MiB }), HttpStatusCode.BadRequest, "Input.Invalid");
            await Problems.AssertAsync(await client.PostAsJsonAsync(pool + "/volumes", new { name = "c.qcow2" }), HttpStatusCode.BadRequest, ApiErrorCodes.FieldRequired);
            await Problems.AssertAsync(await client.PutAsJsonAsync(pool + "/volumes/nothing.qcow2/size", new { capacityBytes = MiB }), HttpStatusCode.NotFound, ApiErrorCodes.VolumeMissing);
            await Problems.AssertAsync(await client.PostAsJsonAsync(pool + "/volumes/nothing.qcow2/clone", new { newName = "d.qcow2" }), HttpStatusCode.NotFound, ApiErrorCodes.VolumeMissing);
            await Problems.AssertAsync(await client.DeleteAsync(pool + "?deleteVolumes=perhaps"), HttpStatusCode.BadRequest, ApiErrorCodes.FilterInvalid);

            await Problems.JsonAsync(await client.PostAsync(pool + "/stop", null));
            Assert.False((await Problems.JsonAsync(await client.GetAsync(pool))).GetProperty("active").GetBoolean());
            await Problems.JsonAsync(await client.PostAsync(pool + "/start", null));
            await Problems.JsonAsync(await client.PostAsync(pool + "/refresh", null));
            Assert.True((await Problems.JsonAsync(await client.GetAsync(pool))).GetProperty("active").GetBoolean());
            Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(pool + "?deleteVolumes=true")).StatusCode);
            await Problems.AssertAsync(await client.GetAsync(pool), HttpStatusCode.NotFound, ApiErrorCodes.PoolMissing);
            Assert.False(File.Exists(Path.Combine(directory, "a.qcow2")));

            await AssertAuditedAsync(admin, "storage",
                ["create-storage-pool", "storage-pool-autostartoff", "create-volume", "resize-volume", "clone-volume", "delete-volume",
                 "storage-pool-stop", "storage-pool-start", "storage-pool-refresh", "delete-storage-pool-and-volumes"]);
        }
        finally
        {
            RemovePool(name);
            Directory.Delete(runDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task An_administer_token_makes_starts_stops_and_deletes_a_network_and_its_static_hosts()
    {
        string name = TestRun.GuestName("api-net-" + Guid.NewGuid().ToString("N")[..4]);
        int octet = FreeOctet();
        var admin = await api.CreateUserAsync(Roles.Administrator);
        using var client = api.Client(await api.CreateTokenAsync(admin, ApiTokenScope.Administer, name: "networks"));
        using var operate = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Operator), ApiTokenScope.Operate));
        var networks = $"/api/v1/hosts/{api.HostId}/networks";
        var network = $"{networks}/{name}";
        try
        {
            var body = new { name, mode = "Isolated", ipv4Cidr = $"10.253.{octet}.0/24", ipv4DhcpStart = $"10.253.{octet}.100", ipv4DhcpEnd = $"10.253.{octet}.199", start = false, autostart = false };
            await Problems.AssertAsync(await operate.PostAsJsonAsync(networks, body), HttpStatusCode.Forbidden, "Agent.Forbidden");
            var created = await client.PostAsJsonAsync(networks, body);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal(network, created.Headers.Location!.OriginalString);
            Assert.False(Summary(await Problems.JsonAsync(await client.GetAsync(network))).GetProperty("active").GetBoolean());

            await Problems.AssertAsync(await operate.PostAsync(network + "/start", null), HttpStatusCode.Forbidden, "Agent.Forbidden");
            await Problems.JsonAsync(await client.PostAsync(network + "/start", null));
            await Problems.JsonAsync(await client.PutAsJsonAsync(network + "/autostart", new { enabled = true }));
            var started = Summary(await Problems.JsonAsync(await client.GetAsync(network)));
            Assert.True(started.GetProperty("active").GetBoolean() && started.GetProperty("autostart").GetBoolean());

            const string mac = "52:54:00:ab:cd:01";
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync(network + "/dhcp-hosts", new { mac, ip = $"10.253.{octet}.50", name = "fixed" })).StatusCode);
            Assert.Contains(Summary(await Problems.JsonAsync(await client.GetAsync(network))).GetProperty("staticHosts").EnumerateArray(), h => h.GetProperty("mac").GetString() == mac);
            await Problems.AssertAsync(await client.PostAsJsonAsync(network + "/dhcp-hosts", new { mac = "52:54:00:ab:cd:02" }), HttpStatusCode.BadRequest, ApiErrorCodes.FieldRequired);
            Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{network}/dhcp-hosts/{mac}")).StatusCode);
            Assert.Empty(Summary(await Problems.JsonAsync(await client.GetAsync(network))).GetProperty("staticHosts").EnumerateArray());

            await Problems.JsonAsync(await client.PostAsync(network + "/stop", null));
            await Problems.AssertAsync(await client.PostAsJsonAsync(networks, body with { name = name + "x", ipv4Cidr = "not-a-network" }), HttpStatusCode.BadRequest, "Input.Invalid");
            await Problems.AssertAsync(await operate.DeleteAsync(network), HttpStatusCode.Forbidden, "Agent.Forbidden");
            Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(network)).StatusCode);
            await Problems.AssertAsync(await client.GetAsync(network), HttpStatusCode.NotFound, ApiErrorCodes.NetworkMissing);

            await AssertAuditedAsync(admin, "networks",
                ["create-network", "network-start", "network-autostarton", "add-dhcp-host", "remove-dhcp-host", "network-stop", "delete-network"]);
        }
        finally
        {
            RemoveNetwork(name);
        }
    }

    [Fact]
    public async Task Changes_to_unknown_pools_volumes_networks_and_hosts_are_404_and_bodies_are_checked_first()
    {
        using var client = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Administrator), ApiTokenScope.Administer));
        using var viewer = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Viewer), ApiTokenScope.ReadOnly));
        var host = $"/api/v1/hosts/{api.HostId}";
        foreach (var (method, path, body, code) in new (HttpMethod, string, object?, string)[]
        {
            (HttpMethod.Post, "/storage-pools/no-such-pool/start", null, ApiErrorCodes.PoolMissing),
            (HttpMethod.Post, "/storage-pools/no-such-pool/stop", null, ApiErrorCodes.PoolMissing),
            (HttpMethod.Put, "/storage-pools/no-such-pool/autostart", new { enabled = true }, ApiErrorCodes.PoolMissing),
            (HttpMethod.Delete, "/storage-pools/no-such-pool", null, ApiErrorCodes.PoolMissing),
            (HttpMethod.Post, "/storage-pools/no-such-pool/volumes", new { name = "a.qcow2", capacityBytes = MiB }, ApiErrorCodes.PoolMissing),
            (HttpMethod.Delete, "/storage-pools/no-such-pool/volumes/a.qcow2", null, ApiErrorCodes.PoolMissing),
            (HttpMethod.Post, "/networks/no-such-network/start", null, ApiErrorCodes.NetworkMissing),
            (HttpMethod.Put, "/networks/no-such-network/autostart", new { enabled = true }, ApiErrorCodes.NetworkMissing),
            (HttpMethod.Delete, "/networks/no-such-network", null, ApiErrorCodes.NetworkMissing),
            (HttpMethod.Post, "/networks/no-such-network/dhcp-hosts", new { mac = "52:54:00:00:00:01", ip = "10.0.0.5" }, ApiErrorCodes.NetworkMissing),
            (HttpMethod.Delete, "/networks/no-such-network/dhcp-hosts/52:54:00:00:00:01", null, ApiErrorCodes.NetworkMissing),
        })
        {
            await Problems.AssertAsync(await client.SendAsync(ApiRequests.Json(method, host + path, body, null)), HttpStatusCode.NotFound, code);
        }

        await Problems.AssertAsync(await client.PostAsJsonAsync(host + "/storage-pools", new { kind = "Directory" }), HttpStatusCode.BadRequest, ApiErrorCodes.FieldRequired);
        await Problems.AssertAsync(await client.PostAsJsonAsync(host + "/storage-pools", new { name = "x", kind = "Tape" }), HttpStatusCode.BadRequest, ApiErrorCodes.BodyInvalid);
        await Problems.AssertAsync(await client.PostAsJsonAsync(host + "/networks", new { name = "x" }), HttpStatusCode.BadRequest, ApiErrorCodes.FieldRequired);
        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/v1/hosts/nowhere/networks", new { name = "x", mode = "Isolated" }), HttpStatusCode.NotFound, "Agent.UnknownHost");
        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/v1/hosts/nowhere/storage-pools/p/start", new { }), HttpStatusCode.NotFound, "Agent.UnknownHost");
        await Problems.AssertAsync(await viewer.PostAsJsonAsync(host + "/networks", new { name = "wvt-never", mode = "Isolated" }), HttpStatusCode.Forbidden, "Agent.Forbidden");
        await Problems.AssertAsync(await viewer.PostAsJsonAsync(host + "/storage-pools", new { name = "wvt-never", kind = "Directory", targetPath = "/tmp/wvt-never" }),
            HttpStatusCode.Forbidden, "Agent.Forbidden");
    }

    private static JsonElement Summary(JsonElement shown) => shown.GetProperty("network");

    private async Task AssertAuditedAsync(System.Security.Claims.ClaimsPrincipal user, string token, string[] actions)
    {
        await using var db = await api.Factory.Services.GetRequiredService<IDbContextFactory<WebDbContext>>().CreateDbContextAsync();
        var changes = await db.AuditEntries.Where(e => e.UserName == user.Identity!.Name && e.Result == AuditEntry.ResultOk && !e.Action.StartsWith("api-")).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(actions, changes.Select(e => e.Action));
        Assert.All(changes, e => Assert.Contains($"via API token '{token}'", e.Detail, StringComparison.Ordinal));
    }

    /// <summary>A 10.253.x.0/24 no libvirt network of this host uses (other test runs make networks too).</summary>
    private static int FreeOctet()
    {
        using var connection = LibvirtConnection.Open(ApiFixture.LibvirtUri);
        var used = connection.ListAllNetworks().Select(n => { using (n) { return n.GetXmlDesc(); } }).ToList();
        return Enumerable.Range(2, 249).OrderBy(_ => Random.Shared.Next()).First(octet => !used.Any(xml => xml.Contains($"10.253.{octet}.", StringComparison.Ordinal)));
    }

    private static void RemovePool(string name)
    {
        using var connection = LibvirtConnection.Open(ApiFixture.LibvirtUri);
        try
        {
            using var pool = connection.LookupStoragePoolByName(name);
            if (pool.IsActive())
            {
                pool.Destroy();
            }

            pool.Undefine();
        }
        catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoStoragePool)
        {
        }
    }

    private static void RemoveNetwork(string name)
    {
        using var connection = LibvirtConnection.Open(ApiFixture.LibvirtUri);
        try
        {
            using var network = connection.LookupNetworkByName(name);
            if (network.IsActive())
            {
                network.Destroy();
            }

            network.Undefine();
        }
        catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoNetwork)
        {
        }
    }
}
