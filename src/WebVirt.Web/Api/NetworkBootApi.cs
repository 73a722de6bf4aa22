using Microsoft.AspNetCore.Http.HttpResults;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;

namespace WebVirt.Web.Api;

/// <summary>
/// PUT /hosts/{hostId}/networks/{network}/boot: an existing network's PXE boot server, through the
/// same gateway call as the Networks page; a running network takes it at its next start.
/// </summary>
public static class NetworkBootApi
{
    public static RouteGroupBuilder MapNetworkBootApi(this RouteGroupBuilder api)
    {
        ApiHostChange.Describe(api.MapPut("/hosts/{hostId}/networks/{network}/boot", SetAsync).WithName("NetworkBootSet")
            .WithSummary("Sets the network's PXE boot server ({tftpRoot, bootFile, bootServer}; all empty: off) in its definition, checked as for a new network; a running network takes it at its next start."))
            .AcceptsJson<NetworkBootSettings>();
        return api;
    }

    private static Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> SetAsync(string network, [AsParameters] ApiHostChange change, INetworkGateway networks) =>
        change.ApplyAsync<NetworkBootSettings, Ok<ApiActionResult>>(
            _ => null,
            body => networks.SetBootAsync(change.HostId, network, body, change.CancellationToken),
            _ => ApiHostChange.Done(),
            () => NetworksApi.NetworkProblemAsync(networks, change.Texts, change.HostId, network, change.CancellationToken));
}
