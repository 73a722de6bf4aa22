using WebVirt.Web.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Components.Dashboard;
using WebVirt.Web.Components.Shared;
using WebVirt.Web.Endpoints;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Components.Pages;

/// <summary>
/// One guest: its header with state, lifecycle buttons and screen thumbnail, and tabs for what it
/// is, how it has been doing, its hardware, snapshots, XML and events. The details are read again
/// when the agent pushes a changed row and after every edit.
/// </summary>
public partial class GuestPage : IDisposable
{
    private static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ThumbnailInterval = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stop = new();
    private GuestInfo? _guest;
    private GuestDetails? _details;
    private string? _loadError;
    private int _tab;
    private bool _busy;
    private string? _thumbnail;
    private int _thumbnailVersion;
    private RenderThrottle? _throttle;
    private IDisposable? _subscription;
    private IDisposable? _databaseSubscription;
    private int _loadGeneration;
    private bool _agentAway;

    [Parameter]
    public string HostId { get; set; } = "";

    [Parameter]
    public string Uuid { get; set; } = "";

    [Inject]
    private AgentConnections Agents { get; set; } = default!;

    [Inject]
    private IGuestPageGateway PageGateway { get; set; } = default!;

    [Inject]
    private IGuestLifecycleGateway Actions { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private RightsEvaluator Rights { get; set; } = default!;

    private UserRights _rights = UserRights.None;

    [Inject]
    private DatabaseHealth Database { get; set; } = default!;

    [Inject]
    private CircuitConnection Connection { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private string ConsoleHref => $"/guests/{Uri.EscapeDataString(HostId)}/{Uri.EscapeDataString(_guest?.Uuid ?? Uuid)}/console";

    /// <summary>The console on this guest, by the user's rights on it (as the ticket endpoint decides).</summary>
    private bool CanOpenConsole => _rights.MayOnGuest(Permission.OpenConsole, HostId, Uuid);

    private string HostName => Agents.Snapshot.HostNames.TryGetValue(HostId, out var name) ? name : HostId;

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _subscription?.Dispose();
        _databaseSubscription?.Dispose();
        _throttle?.Dispose();
    }

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        _rights = await Rights.ForAsync(user);
        // A closed tab's retained circuit neither reads the details again nor renders for each push: once, when it is back.
        _throttle = new RenderThrottle(RenderInterval, () => InvokeAsync(OnInventoryChangedAsync), Time, Connection);
        // A new state is shown at once; CPU figures, which change on every poll, are coalesced.
        _subscription = Agents.Subscribe(_throttle.RequestFor);
        // What the database could not give (the notes) is read again the moment it is back.
        _databaseSubscription = Database.Subscribe(up => _ = up ? InvokeAsync(ReloadAndRenderAsync) : Task.CompletedTask);
    }

    private async Task ReloadAndRenderAsync()
    {
        // The agent may meet a connection the restarted server closed on its first read: try a few times.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await ReloadAsync();
            StateHasChanged();
            if (_details?.NotesUnknown != true || !Database.IsUp)
            {
                return;
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), _stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return; // The page was closed.
            }
        }
    }

    // Not while prerendering: the thumbnail loop belongs to the interactive circuit.
    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _ = RefreshThumbnailsAsync(_stop.Token);
        }
    }

    protected override Task OnParametersSetAsync()
    {
        _guest = FindGuest();
        _details = null;
        return ReloadAsync();
    }

    // A guest the user may not see is shown as not found, the same as one that does not exist.
    private GuestInfo? FindGuest() => Agents.FindGuest(HostId, Uuid) is { } guest && VisibleInventory.Sees(_rights, guest) ? guest : null;

    /// <summary>CPU figures change with every sample; only a change of what the page shows is worth a re-read.</summary>
    private static bool SameShape(GuestInfo? a, GuestInfo? b) =>
        a is null || b is null ? ReferenceEquals(a, b) : a with { CpuPercent = null, UpdatedAt = default } == b with { CpuPercent = null, UpdatedAt = default };

    private async Task OnInventoryChangedAsync()
    {
        // A grant given or revoked while the page is open shows or hides the guest and its buttons from the next change on.
        _rights = await Rights.ForAsync((await AuthenticationState).User);
        var guest = FindGuest();
        // Back from an agent's absence, what failed to load while it was away is read at once.
        var away = Agents.AwaySince(HostId) is not null;
        var returned = _agentAway && !away;
        _agentAway = away;
        var changed = returned || !SameShape(_guest, guest);
        _guest = guest;
        if (changed)
        {
            // The header shows the new state now; the details follow when the agent has answered.
            StateHasChanged();
            await ReloadAsync();
        }

        StateHasChanged();
    }

    private async Task ReloadAsync()
    {
        if (_guest is null)
        {
            return;
        }

        var generation = ++_loadGeneration;
        try
        {
            var details = await PageGateway.GetGuestDetailsAsync(HostId, _guest.Uuid);
            if (generation == _loadGeneration)
            {
                _details = details;
                _loadError = details is null ? G["NotFound", Uuid, HostId].Value : null;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (generation == _loadGeneration)
            {
                _loadError = ex.Message;
            }
        }
    }

    private async Task RunAsync(GuestActionRequest request)
    {
        var (guest, action) = request;
        if (_busy)
        {
            return;
        }

        if (GuestActionGuide.NeedsConfirmation(action)
            && !await ConfirmDialog.AskAsync(Dialogs, L["Confirm.Title." + action], L["Confirm.Message." + action, guest.Name], L["Action." + action]))
        {
            return;
        }

        _busy = true;
        try
        {
            StateHasChanged();
            var result = await Actions.ActAsync(guest, action);
            Snackbar.Report(result, L["Action.Failed", L["Action." + action], guest.Name], L["Action.Done", L["Action." + action], guest.Name], L);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RefreshThumbnailsAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(ThumbnailInterval);
        try
        {
            do
            {
                if (_guest is { State: GuestState.Running or GuestState.Paused or GuestState.Blocked } guest)
                {
                    // A new version of the image's URL: the browser fetches the screen as it is now.
                    await InvokeAsync(() =>
                    {
                        _thumbnail = ScreenshotEndpoints.PathFor(HostId, guest.Uuid, ++_thumbnailVersion);
                        StateHasChanged();
                    });
                }
                else if (_thumbnail is not null)
                {
                    await InvokeAsync(() =>
                    {
                        _thumbnail = null;
                        StateHasChanged();
                    });
                }
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // The page was closed.
        }
    }
}
