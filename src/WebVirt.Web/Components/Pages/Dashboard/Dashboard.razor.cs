using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Components.Dashboard;
using WebVirt.Web.Components.Shared;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Components.Pages;

/// <summary>Hosts and guests as the agents report them, kept live by their pushes.</summary>
public partial class Dashboard : IDisposable
{
    private static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(250);

    private readonly HashSet<GuestKey> _busyGuests = [];
    private readonly HashSet<string> _busyHosts = new(StringComparer.Ordinal);
    // The shared snapshot itself: the page keeps a reference to the inventory, never a copy of it.
    private InventorySnapshot _inventory = InventorySnapshot.Empty;
    private readonly Func<string, bool> _canSetEmulation;
    private RenderThrottle? _throttle;
    private IDisposable? _subscription;
    private System.Security.Claims.ClaimsPrincipal _user = new();
    private UserRights _rights = UserRights.None;

    /// <summary>Each host card's emulation switch, by the user's rights on its host (read with the page's rights), as the host gateway decides.</summary>
    public Dashboard() => _canSetEmulation = hostId => _rights.MayOnHost(Permission.SetHostEmulation, hostId);

    [Inject]
    private AgentConnections Agents { get; set; } = default!;

    [Inject]
    private RightsEvaluator Rights { get; set; } = default!;

    [Inject]
    private IGuestLifecycleGateway Actions { get; set; } = default!;

    [Inject]
    private IHostGateway HostSettings { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private CircuitConnection Connection { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        _user = user;
        _rights = await Rights.ForAsync(user);
        TakeSnapshot();
        _throttle = new RenderThrottle(RenderInterval, () => InvokeAsync(async () =>
        {
            // A grant revoked while the page is open hides its guests from the next change on.
            _rights = await Rights.ForAsync(_user);
            if (TakeSnapshot())
            {
                StateHasChanged();
            }
        }), Time, Connection);
        // A new state is shown at once; CPU figures, which change on every poll, are coalesced.
        _subscription = Agents.Subscribe(_throttle.RequestFor);
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _throttle?.Dispose();
    }

    private bool TakeSnapshot()
    {
        // Only what the user may see reaches this circuit: lists, counts and search all read this snapshot.
        var snapshot = VisibleInventory.Of(Agents.Snapshot, _rights);
        if (ReferenceEquals(snapshot, _inventory))
        {
            return false;
        }

        _inventory = snapshot;
        return true;
    }

    private async Task RunAsync(GuestActionRequest request)
    {
        var (guest, action) = request;
        if (_busyGuests.Contains(GuestKey.Of(guest)))
        {
            return;
        }

        if (GuestActionGuide.NeedsConfirmation(action))
        {
            var confirmed = await ConfirmDialog.AskAsync(Dialogs,
                L["Confirm.Title." + action],
                L["Confirm.Message." + action, guest.Name],
                L["Action." + action]);
            if (!confirmed)
            {
                return;
            }
        }

        if (!_busyGuests.Add(GuestKey.Of(guest)))
        {
            return;
        }

        try
        {
            StateHasChanged();
            var result = await Actions.ActAsync(guest, action);
            Report(result, L["Action.Failed", L["Action." + action], guest.Name], L["Action.Done", L["Action." + action], guest.Name]);
        }
        finally
        {
            _busyGuests.Remove(GuestKey.Of(guest));
        }
    }

    private async Task SetEmulationAsync(HostView host, bool useEmulation)
    {
        if (!_busyHosts.Add(host.HostId))
        {
            return;
        }

        try
        {
            StateHasChanged();
            var result = await HostSettings.SetUseEmulationAsync(host.HostId, useEmulation);
            Report(result, L["Host.EmulationFailed", host.DisplayName], L["Host.EmulationSaved", host.DisplayName]);
            TakeSnapshot();
        }
        finally
        {
            _busyHosts.Remove(host.HostId);
        }
    }

    private void Report(ActionResult result, string failedTitle, string doneText) =>
        Snackbar.Report(result, failedTitle, doneText, L);
}
