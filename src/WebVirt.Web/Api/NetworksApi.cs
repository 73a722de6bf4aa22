using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Resources;

namespace WebVirt.Web.Api;

/// <summary>/api/v1/hosts/{hostId}/networks: a host's virtual networks, read as the Networks page reads them.</summary>
public static class NetworksApi
{
    private const string NetworksPath = "/hosts/{hostId}/networks";

    public static RouteGroupBuilder MapNetworksApi(this RouteGroupBuilder api)
    {
        api.MapGet(NetworksPath, ListAsync).WithName("ListNetworks")
            .WithSummary("Lists the host's virtual networks: mode, bridge, addresses, DHCP range and static hosts.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet(NetworksPath + "/{network}", GetAsync).WithName("ShowNetwork")
            .WithSummary("One virtual network with its current DHCP leases (none while it is stopped).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<VirtualNetworkSummary>>> ListAsync(string hostId, INetworkGateway networks, CancellationToken cancellationToken) =>
        TypedResults.Ok(await networks.GetNetworksAsync(hostId, cancellationToken));

    /// <summary>Null when the host has the network, else its 404.</summary>
    internal static async Task<ProblemHttpResult?> NetworkProblemAsync(
        INetworkGateway networks, IStringLocalizer<ApiResource> texts, string hostId, string network, CancellationToken cancellationToken) =>
        (await networks.GetNetworksAsync(hostId, cancellationToken)).Any(n => string.Equals(n.Name, network, StringComparison.Ordinal))
            ? null
            : ApiProblems.Of(StatusCodes.Status404NotFound, ApiErrorCodes.NetworkMissing, texts[ApiErrorCodes.NetworkMissing, hostId, network]);

    private static async Task<Results<Ok<ApiNetwork>, ProblemHttpResult>> GetAsync(
        string hostId, string network, INetworkGateway networks, IStringLocalizer<ApiResource> texts, CancellationToken cancellationToken)
    {
        var found = (await networks.GetNetworksAsync(hostId, cancellationToken)).FirstOrDefault(n => string.Equals(n.Name, network, StringComparison.Ordinal));
        if (found is null)
        {
            return ApiProblems.Of(StatusCodes.Status404NotFound, ApiErrorCodes.NetworkMissing, texts[ApiErrorCodes.NetworkMissing, hostId, network]);
        }

        // A stopped network has no dnsmasq and so no leases; the page shows none rather than asking.
        IReadOnlyList<DhcpLeaseInfo> leases = found.Active ? await networks.GetDhcpLeasesAsync(hostId, found.Name, cancellationToken) : [];
        return TypedResults.Ok(new ApiNetwork(found, leases));
    }
}

/// <summary>A virtual network and its current DHCP leases.</summary>
public sealed record ApiNetwork(VirtualNetworkSummary Network, IReadOnlyList<DhcpLeaseInfo> Leases);
