using System.Net;
using WebVirt.Web.Metrics;

namespace WebVirt.Web.Tests.Metrics;

/// <summary>WebVirt:Metrics:AllowedAddresses: single addresses and CIDR networks of both families; anything else widens nothing.</summary>
public sealed class MetricsAddressListTests
{
    [Fact]
    public void Single_addresses_and_networks_admit_exactly_their_addresses()
    {
        var list = new MetricsAddressList(["192.0.2.10", "10.1.0.0/16", "2001:db8::/32", " ::1 "]);

        Assert.Equal(4, list.Count);
        Assert.True(list.Allows(IPAddress.Parse("192.0.2.10")));
        Assert.False(list.Allows(IPAddress.Parse("192.0.2.11")));
        Assert.True(list.Allows(IPAddress.Parse("10.1.255.1")));
        Assert.False(list.Allows(IPAddress.Parse("10.2.0.1")));
        Assert.True(list.Allows(IPAddress.Parse("2001:db8:1::5")));
        Assert.False(list.Allows(IPAddress.Parse("2001:db9::5")));
        Assert.True(list.Allows(IPAddress.IPv6Loopback));
        Assert.False(list.Allows(IPAddress.Loopback));
    }

    [Fact]
    public void An_IPv4_client_seen_on_a_dual_stack_socket_counts_as_its_IPv4_address()
    {
        var list = new MetricsAddressList(["127.0.0.1"]);

        Assert.True(list.Allows(IPAddress.Loopback.MapToIPv6()));
        Assert.False(list.Allows(IPAddress.Parse("127.0.0.2").MapToIPv6()));
    }

    [Fact]
    public void Entries_that_are_neither_an_address_nor_a_network_are_reported_and_left_out()
    {
        var invalid = new List<string>();
        var list = new MetricsAddressList(["prometheus.local", "10.0.0.0/33", "", "0.0.0.0/0x"], invalid.Add);

        Assert.Equal(0, list.Count);
        Assert.Equal(["prometheus.local", "10.0.0.0/33", "", "0.0.0.0/0x"], invalid);
        Assert.False(list.Allows(IPAddress.Parse("10.0.0.1")));
        Assert.False(list.Allows(null));
    }
}
