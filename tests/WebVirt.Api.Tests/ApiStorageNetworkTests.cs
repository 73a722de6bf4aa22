using System.Net;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Testing;
using WebVirt.Web.Api;
using WebVirt.Web.Security;

namespace WebVirt.Api.Tests;

/// <summary>Storage pools, volumes and networks read through the API from the real host, and their 404s.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiStorageNetworkTests(ApiFixture api)
{
    [Fact]
    public async Task A_read_only_token_lists_and_shows_pools_and_volumes_with_the_guests_using_them()
    {
        await using var guest = await ApiDiskGuest.CreateAsync("api-pool");
        using var client = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Viewer), ApiTokenScope.ReadOnly));
        var pools = $"/api/v1/hosts/{api.HostId}/storage-pools";

        var listed = await Problems.JsonAsync(await client.GetAsync(pools));
        var pool = Assert.Single(listed.EnumerateArray(), p => p.GetProperty("name").GetString() == guest.Pool);
        Assert.Equal(guest.Directory, pool.GetProperty("targetPath").GetString());
        Assert.True(pool.GetProperty("active").GetBoolean());
        var shown = await Problems.JsonAsync(await client.GetAsync($"{pools}/{guest.Pool}"));
        Assert.Equal("dir", shown.GetProperty("type").GetString());
        Assert.Equal(pool.GetProperty("uuid").GetString(), shown.GetProperty("uuid").GetString());

        var volumes = await Problems.JsonAsync(await client.GetAsync($"{pools}/{guest.Pool}/volumes"));
        var volume = Assert.Single(volumes.EnumerateArray());
        Assert.Equal(TestGuestImages.Disk, volume.GetProperty("name").GetString());
        Assert.Equal("qcow2", volume.GetProperty("format").GetString());
        Assert.Equal([guest.Name], volume.GetProperty("usedBy").EnumerateArray().Select(u => u.GetString()));
        var one = await Problems.JsonAsync(await client.GetAsync($"{pools}/{guest.Pool}/volumes/{TestGuestImages.Disk}"));
        Assert.Equal(Path.Combine(guest.Directory, TestGuestImages.Disk), one.GetProperty("path").GetString());

        await Problems.AssertAsync(await client.GetAsync($"{pools}/no-such-pool"), HttpStatusCode.NotFound, ApiErrorCodes.PoolMissing);
        await Problems.AssertAsync(await client.GetAsync($"{pools}/no-such-pool/volumes"), HttpStatusCode.NotFound, ApiErrorCodes.PoolMissing);
        await Problems.AssertAsync(await client.GetAsync($"{pools}/no-such-pool/volumes/x.qcow2"), HttpStatusCode.NotFound, ApiErrorCodes.PoolMissing);
        await Problems.AssertAsync(await client.GetAsync($"{pools}/{guest.Pool}/volumes/none.qcow2"), HttpStatusCode.NotFound, ApiErrorCodes.VolumeMissing);
        await Problems.AssertAsync(await client.GetAsync("/api/v1/hosts/nowhere/storage-pools"), HttpStatusCode.NotFound, "Agent.UnknownHost");
    }

    [Fact]
    public async Task A_read_only_token_lists_and_shows_networks_with_their_leases()
    {
        string name = TestRun.GuestName("api-net-" + Guid.NewGuid().ToString("N")[..6]);
        using (var connection = LibvirtConnection.Open(ApiFixture.LibvirtUri))
        using (connection.CreateNetworkXml($"<network><name>{name}</name></network>"))
        {
        }

        try
        {
            using var client = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Viewer), ApiTokenScope.ReadOnly));
            var networks = $"/api/v1/hosts/{api.HostId}/networks";

            var listed = await Problems.JsonAsync(await client.GetAsync(networks));
            var network = Assert.Single(listed.EnumerateArray(), n => n.GetProperty("name").GetString() == name);
            Assert.Equal("Isolated", network.GetProperty("mode").GetString());
            Assert.True(network.GetProperty("active").GetBoolean());
            Assert.False(network.GetProperty("persistent").GetBoolean());

            var shown = await Problems.JsonAsync(await client.GetAsync($"{networks}/{name}"));
            Assert.Equal(network.GetProperty("uuid").GetString(), shown.GetProperty("network").GetProperty("uuid").GetString());
            Assert.Equal(0, shown.GetProperty("leases").GetArrayLength());

            await Problems.AssertAsync(await client.GetAsync($"{networks}/no-such-network"), HttpStatusCode.NotFound, ApiErrorCodes.NetworkMissing);
            await Problems.AssertAsync(await client.GetAsync("/api/v1/hosts/nowhere/networks"), HttpStatusCode.NotFound, "Agent.UnknownHost");
        }
        finally
        {
            using var connection = LibvirtConnection.Open(ApiFixture.LibvirtUri);
            using var network = connection.LookupNetworkByName(name);
            network.Destroy();
        }
    }
}
