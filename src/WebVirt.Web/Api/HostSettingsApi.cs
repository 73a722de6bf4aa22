using Microsoft.AspNetCore.Http.HttpResults;
using WebVirt.Web.Agents.Gateway;

namespace WebVirt.Web.Api;

/// <summary>
/// A host's settings, through the same gateway calls as the pages that set them: the dashboard host
/// card's "use emulation (TCG)" switch, the Hosts page's migration address and the Storage page's
/// "shared between hosts" mark of a pool. <c>GET /hosts/{hostId}</c> shows the last two.
/// </summary>
public static class HostSettingsApi
{
    public static RouteGroupBuilder MapHostSettingsApi(this RouteGroupBuilder api)
    {
        ApiHostChange.Describe(api.MapPut("/hosts/{hostId}/emulation", SetEmulationAsync).WithName("SetHostEmulation")
            .WithSummary("Sets whether new guests on the host are made for emulation (TCG, type 'qemu') rather than KVM, as the dashboard's host switch."))
            .AcceptsJson<ApiHostEmulation>();
        ApiHostChange.Describe(api.MapPut("/hosts/{hostId}/migration-address", SetMigrationAddressAsync).WithName("SetHostMigrationAddress")
            .WithSummary("Sets the address other hosts send this host's migration streams to (an IP address or host name; empty: the address the console reaches its agent at)."))
            .AcceptsJson<ApiMigrationAddress>();
        ApiHostChange.Describe(api.MapPut("/hosts/{hostId}/storage-pools/{pool}/shared", SetPoolSharedAsync).WithName("SetStoragePoolShared")
            .WithSummary("Marks or unmarks the pool as shared between hosts (the same storage under the same path elsewhere), so migrations leave its disks in place."))
            .AcceptsJson<ApiPoolShared>();
        return api;
    }

    private static Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> SetEmulationAsync([AsParameters] ApiHostChange change, IHostGateway hosts) =>
        change.ApplyAsync<ApiHostEmulation, Ok<ApiActionResult>>(
            body => body.UseEmulation is null ? "useEmulation" : null,
            body => hosts.SetUseEmulationAsync(change.HostId, body.UseEmulation!.Value, change.CancellationToken),
            _ => ApiHostChange.Done());

    private static Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> SetMigrationAddressAsync([AsParameters] ApiHostChange change, IMigrationSettingsGateway settings) =>
        change.ApplyAsync<ApiMigrationAddress, Ok<ApiActionResult>>(
            _ => null,
            body => settings.SetMigrationAddressAsync(change.HostId, body.Address, change.CancellationToken),
            _ => ApiHostChange.Done());

    private static Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> SetPoolSharedAsync(
        string pool, [AsParameters] ApiHostChange change, IMigrationSettingsGateway settings, IStorageGateway storage) =>
        change.ApplyAsync<ApiPoolShared, Ok<ApiActionResult>>(
            body => body.Shared is null ? "shared" : null,
            body => settings.SetPoolSharedAsync(change.HostId, pool, body.Shared!.Value, change.CancellationToken),
            _ => ApiHostChange.Done(),
            () => StorageApi.PoolProblemAsync(storage, change.Texts, change.HostId, pool, change.CancellationToken));
}

/// <summary>True: new guests are made for emulation (TCG); false: for KVM.</summary>
public sealed record ApiHostEmulation(bool? UseEmulation);

/// <summary>The host's migration address; null or empty for the default (the address the console reaches its agent at).</summary>
public sealed record ApiMigrationAddress(string? Address);

/// <summary>Whether the pool is shared between hosts.</summary>
public sealed record ApiPoolShared(bool? Shared);
