using Microsoft.AspNetCore.Components;
using WebVirt.Web.Agents;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Components.Guest;

namespace WebVirt.Web.Components.Pages;

/// <summary>Evacuate: every guest running on this host moves live to another host, through the batch dialog.</summary>
public sealed partial class HostPage
{
    [Inject]
    private MigrationBatchRunner Batches { get; set; } = default!;

    /// <summary>Takes the right that moves guests, the host's agent connected, and another host to move them to.</summary>
    private bool CanEvacuate => _canManageHosts && _host is { Link: AgentLinkState.Connected } && _hosts.Count > 1;

    private async Task EvacuateAsync()
    {
        if (_host is not { } host)
        {
            return;
        }

        // The guests as they run now: the dialog lists them before anything moves, and moves only those.
        var guests = Batches.RunningOn(host.HostId);
        await MigrationBatchDialog.ShowEvacuationAsync(Dialogs, MigrationL["Evacuate.Title", host.DisplayName], host.HostId, guests);
    }
}
