using WebVirt.Web.Agents;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests;

/// <summary>Hosts that report the same hostname are told apart wherever the console names them.</summary>
public sealed class HostNamingTests
{
    [Fact]
    public void Hosts_with_the_same_hostname_in_any_case_get_their_ids_beside_it_and_the_others_keep_theirs()
    {
        var snapshot = new InventorySnapshot(1, [Reporting("e", "vm"), Reporting("f", "VM"), Reporting("g", "other")], []);

        Assert.Equal(["vm (e)", "VM (f)", "other"], snapshot.Hosts.Select(host => host.DisplayName));
        Assert.Equal(("vm (e)", "VM (f)", "other"), (snapshot.HostNames["e"], snapshot.HostNames["f"], snapshot.HostNames["g"]));
    }

    [Fact]
    public void A_host_not_yet_heard_from_is_named_as_configured_and_told_apart_from_a_host_reporting_that_name()
    {
        var waiting = new HostView("lab-2", "lab", AgentLinkState.Connecting, null, null);
        var snapshot = new InventorySnapshot(1, [Reporting("lab-1", "lab"), waiting], []);

        Assert.Equal(["lab (lab-1)", "lab (lab-2)"], snapshot.Hosts.Select(host => host.DisplayName));
    }

    [Fact]
    public void Hosts_whose_names_differ_are_the_very_list_given()
    {
        IReadOnlyList<HostView> hosts = [Reporting("e", "alpha"), Reporting("f", "beta")];

        Assert.Same(hosts, HostNaming.Distinguished(hosts));
        Assert.Equal(["alpha", "beta"], hosts.Select(host => host.DisplayName));
    }

    private static HostView Reporting(string hostId, string hostname) =>
        new(hostId, hostId, AgentLinkState.Connected, null, HostSamples.Host(hostId) with { Hostname = hostname });
}
