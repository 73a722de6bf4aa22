using Microsoft.AspNetCore.Http.HttpResults;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;

namespace WebVirt.Web.Api;

/// <summary>
/// Changes to a host's virtual networks, through the same gateway calls as the Networks page: create,
/// start, stop, autostart and delete a network; add and remove its static DHCP hosts.
/// </summary>
public static class NetworkChangesApi
{
    private const string NetworksPath = "/hosts/{hostId}/networks";
    private const string NetworkPath = NetworksPath + "/{network}";

    public static RouteGroupBuilder MapNetworkChangesApi(this RouteGroupBuilder api)
    {
        ApiHostChange.Describe(api.MapPost(NetworksPath, CreateAsync).WithName("NetworkCreate")
            .WithSummary("Defines a network (mode Nat, Routed, Isolated, Open or Bridge) and, unless told not to, starts it and sets it to start with the host."))
            .AcceptsJson<ApiNetworkCreate>();
        foreach (var (slug, action, summary) in new[]
        {
            ("start", VirtualNetworkAction.Start, "Starts the network."),
            ("stop", VirtualNetworkAction.Stop, "Stops the network; refused while a running guest is plugged into it."),
        })
        {
            ApiHostChange.Describe(api.MapPost($"{NetworkPath}/{slug}",
                    (string network, [AsParameters] ApiHostChange change, INetworkGateway networks) =>
                        change.ApplyAsync(() => networks.ActOnNetworkAsync(change.HostId, network, action, change.CancellationToken), ApiHostChange.Done(),
                            () => NetworksApi.NetworkProblemAsync(networks, change.Texts, change.HostId, network, change.CancellationToken)))
                .WithName(action + "Network").WithSummary(summary));
        }

        ApiHostChange.Describe(api.MapPut(NetworkPath + "/autostart", SetAutostartAsync).WithName("SetNetworkAutostart")
            .WithSummary("Sets whether the network starts with the host."))
            .AcceptsJson<ApiAutostart>();
        ApiHostChange.Describe(api.MapDelete(NetworkPath, DeleteAsync).WithName("NetworkDelete")
            .WithSummary("Stops and undefines the network; refused while a running guest is plugged into it."));
        ApiHostChange.Describe(api.MapPost(NetworkPath + "/dhcp-hosts", AddDhcpHostAsync).WithName("AddNetworkDhcpHost")
            .WithSummary("Adds a static DHCP lease: the card with this MAC address always gets this IPv4 address."))
            .AcceptsJson<DhcpHostEntry>();
        ApiHostChange.Describe(api.MapDelete(NetworkPath + "/dhcp-hosts/{mac}", RemoveDhcpHostAsync).WithName("RemoveNetworkDhcpHost")
            .WithSummary("Removes the static DHCP lease of this MAC address."));
        return api;
    }

    private static Task<Results<Created<ApiActionResult>, ProblemHttpResult>> CreateAsync([AsParameters] ApiHostChange change, INetworkGateway networks) =>
        change.ApplyAsync<ApiNetworkCreate, Created<ApiActionResult>>(
            body => string.IsNullOrWhiteSpace(body.Name) ? "name" : body.Mode is null ? "mode" : null,
            body => networks.CreateNetworkAsync(change.HostId, new VirtualNetworkCreateRequest(body.Name!.Trim(), body.Mode!.Value, body.BridgeName, body.ForwardDevice,
                body.Ipv4Cidr, body.Ipv4DhcpStart, body.Ipv4DhcpEnd, body.Ipv6Prefix, body.DomainName, body.Start, body.Autostart), change.CancellationToken),
            body => change.Made("networks/" + Uri.EscapeDataString(body.Name!.Trim())));

    private static Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> SetAutostartAsync(string network, [AsParameters] ApiHostChange change, INetworkGateway networks) =>
        change.ApplyAsync<ApiAutostart, Ok<ApiActionResult>>(
            body => body.Enabled is null ? "enabled" : null,
            body => networks.ActOnNetworkAsync(change.HostId, network, body.Enabled!.Value ? VirtualNetworkAction.AutostartOn : VirtualNetworkAction.AutostartOff, change.CancellationToken),
            _ => ApiHostChange.Done(),
            () => NetworksApi.NetworkProblemAsync(networks, change.Texts, change.HostId, network, change.CancellationToken));

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string network, [AsParameters] ApiHostChange change, INetworkGateway networks) =>
        change.ApplyAsync(() => networks.DeleteNetworkAsync(change.HostId, network, change.CancellationToken), TypedResults.NoContent(),
            () => NetworksApi.NetworkProblemAsync(networks, change.Texts, change.HostId, network, change.CancellationToken));

    private static Task<Results<Created<ApiActionResult>, ProblemHttpResult>> AddDhcpHostAsync(string network, [AsParameters] ApiHostChange change, INetworkGateway networks) =>
        change.ApplyAsync<DhcpHostEntry, Created<ApiActionResult>>(
            body => string.IsNullOrWhiteSpace(body.Mac) ? "mac" : string.IsNullOrWhiteSpace(body.Ip) ? "ip" : null,
            body => networks.AddDhcpHostAsync(change.HostId, network, body, change.CancellationToken),
            body => change.Made($"networks/{Uri.EscapeDataString(network)}/dhcp-hosts/{Uri.EscapeDataString(body.Mac)}"),
            () => NetworksApi.NetworkProblemAsync(networks, change.Texts, change.HostId, network, change.CancellationToken));

    private static Task<Results<NoContent, ProblemHttpResult>> RemoveDhcpHostAsync(string network, string mac, [AsParameters] ApiHostChange change, INetworkGateway networks) =>
        change.ApplyAsync(() => networks.RemoveDhcpHostAsync(change.HostId, network, mac, change.CancellationToken), TypedResults.NoContent(),
            () => NetworksApi.NetworkProblemAsync(networks, change.Texts, change.HostId, network, change.CancellationToken));
}

/// <summary>
/// A network to define, as the Networks page's dialog asks: <see cref="BridgeName"/> for Bridge (or the
/// bridge to make), <see cref="ForwardDevice"/> for Nat/Routed, the IPv4 network in CIDR
/// (<see cref="Ipv4Cidr"/>: the gateway's address and prefix) with its DHCP range, an IPv6 prefix and a DNS domain.
/// </summary>
public sealed record ApiNetworkCreate(
    string? Name, VirtualNetworkMode? Mode, string? BridgeName = null, string? ForwardDevice = null, string? Ipv4Cidr = null, string? Ipv4DhcpStart = null,
    string? Ipv4DhcpEnd = null, string? Ipv6Prefix = null, string? DomainName = null, bool Start = true, bool Autostart = true);
