using Microsoft.AspNetCore.Components;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Components.Shared;
using WebVirt.Web.Security;

namespace WebVirt.Web.Components.Pages;

/// <summary>
/// Pools marked shared between hosts (as Proxmox marks storage shared): the web keeps the marking, an
/// administrator (manage hosts on the pool's host, as the gateway checks it) sets it, and a migration leaves disks on such pools in place.
/// </summary>
public partial class StoragePage
{
    private IReadOnlySet<string> _shared = new HashSet<string>();
    private bool _canMarkShared;

    [Inject]
    private IMigrationSettingsGateway MigrationSettings { get; set; } = default!;

    private bool IsShared(StoragePoolSummary pool) => _shared.Contains(pool.Name);

    private async Task LoadSharedAsync()
    {
        _canMarkShared = Rights.MayOnHost(Permission.ManageHosts, HostId);
        _shared = await MigrationSettings.SharedPoolsAsync(HostId);
    }

    private async Task SetSharedAsync(StoragePoolSummary pool, bool shared)
    {
        var result = await ChangeAsync(host => MigrationSettings.SetPoolSharedAsync(host, pool.Name, shared));
        Report(result, S["Pool.SharedFailed"], shared ? S["Pool.SharedDone", pool.Name] : S["Pool.UnsharedDone", pool.Name]);
    }
}
