using Microsoft.AspNetCore.Http.HttpResults;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Agents.Gateway;

namespace WebVirt.Web.Api;

/// <summary>/api/v1/hosts: the configured hosts as the dashboard shows them, and one host's details.</summary>
public static class HostsApi
{
    public static RouteGroupBuilder MapHostsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/hosts", ListAsync).WithName("ListHosts").WithSummary("Lists the configured hosts and their agents' last reports.");
        api.MapGet("/hosts/{hostId}", GetAsync).WithName("ShowHost").WithSummary("One host with the details its agent reports.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<ApiHost>>> ListAsync(IInventoryGateway inventory) =>
        TypedResults.Ok<IReadOnlyList<ApiHost>>([.. (await inventory.GetHostsAsync()).Select(ApiHost.From)]);

    private static async Task<Results<Ok<ApiHostDetails>, ProblemHttpResult>> GetAsync(
        string hostId, IInventoryGateway inventory, IHostGateway hosts, IMigrationSettingsGateway migration, CancellationToken cancellationToken)
    {
        var host = (await inventory.GetHostsAsync()).FirstOrDefault(view => view.HostId == hostId);
        if (host is null)
        {
            return ApiProblems.From(ActionResult.Fail(ErrorCodes.UnknownHost, hostId));
        }

        var details = await hosts.GetHostDetailsAsync(hostId, cancellationToken);
        return TypedResults.Ok(new ApiHostDetails(ApiHost.From(host), details,
            await migration.MigrationAddressAsync(hostId, cancellationToken), [.. (await migration.SharedPoolsAsync(hostId, cancellationToken)).Order(StringComparer.Ordinal)]));
    }
}

/// <summary>A configured host: its id and name, the state of the link to its agent, and the agent's last report.</summary>
public sealed record ApiHost(string Id, string Name, AgentLinkState Link, string? Error, HostInfo? Info)
{
    public static ApiHost From(HostView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new ApiHost(view.HostId, view.DisplayName, view.Link, view.Error, view.Info);
    }
}

/// <summary>
/// A host with the details its agent reports (capabilities, KVM checks, versions) and what the console
/// keeps for its migrations: its <see cref="MigrationAddress"/> (null: the address the console reaches
/// its agent at) and the pools marked shared between hosts.
/// </summary>
public sealed record ApiHostDetails(ApiHost Host, HostDetails Details, string? MigrationAddress, IReadOnlyList<string> SharedPools);
