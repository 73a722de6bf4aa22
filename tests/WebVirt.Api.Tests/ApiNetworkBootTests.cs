using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Testing;
using WebVirt.Web.Api;
using WebVirt.Web.Security;

namespace WebVirt.Api.Tests;

/// <summary>Network boot of an existing network through the API on the real agent: set, refused with its problems, refused to an operator.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiNetworkBootTests(ApiFixture api)
{
    [Fact]
    public async Task An_administer_token_sets_network_boot_and_bad_values_and_operators_are_refused()
    {
        string network = TestRun.GuestName("api-netboot-" + Guid.NewGuid().ToString("N")[..6]);
        string folder = TestGuestImages.CreateRunDirectory();
        await File.WriteAllTextAsync(Path.Combine(folder, "boot.ipxe"), "#!ipxe\n");
        File.SetUnixFileMode(Path.Combine(folder, "boot.ipxe"), (UnixFileMode)Convert.ToInt32("644", 8));
        using (var connection = LibvirtConnection.Open(ApiFixture.LibvirtUri))
        using (connection.DefineNetworkXml($"<network><name>{network}</name><ip address='10.215.7.1' prefix='24'><dhcp><range start='10.215.7.100' end='10.215.7.150'/></dhcp></ip></network>"))
        {
        }

        try
        {
            using var admin = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Administrator), ApiTokenScope.Administer));
            using var operatorClient = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Operator), ApiTokenScope.Operate));
            string path = $"/api/v1/hosts/{api.HostId}/networks/{network}/boot";

            await Problems.AssertAsync(await operatorClient.PutAsJsonAsync(path, new { tftpRoot = folder, bootFile = "boot.ipxe" }), HttpStatusCode.Forbidden, "Agent.Forbidden");
            var bad = await Problems.AssertAsync(await admin.PutAsJsonAsync(path, new { tftpRoot = "srv/tftp", bootFile = "boot.ipxe" }), HttpStatusCode.BadRequest, "Input.Invalid");
            Assert.Contains("Boot.TftpRoot", bad.ToString(), StringComparison.Ordinal);
            Assert.Null(Ipv4(network).Element("tftp"));
            await Problems.AssertAsync(await admin.PutAsJsonAsync($"/api/v1/hosts/{api.HostId}/networks/no-such-network/boot", new { tftpRoot = folder }), HttpStatusCode.NotFound, ApiErrorCodes.NetworkMissing);

            var set = await admin.PutAsJsonAsync(path, new { tftpRoot = folder, bootFile = "boot.ipxe" });

            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            Assert.Equal(folder, (string?)Ipv4(network).Element("tftp")?.Attribute("root"));
            Assert.Equal("boot.ipxe", (string?)Ipv4(network).Element("dhcp")!.Element("bootp")?.Attribute("file"));
        }
        finally
        {
            TestResourceCleaner.RemoveRunPoolsAndNetworks(ApiFixture.LibvirtUri, network);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static XElement Ipv4(string network)
    {
        using var connection = LibvirtConnection.Open(ApiFixture.LibvirtUri);
        using var defined = connection.LookupNetworkByName(network);
        return XDocument.Parse(defined.GetXmlDesc(inactive: true)).Root!.Element("ip")!;
    }
}
