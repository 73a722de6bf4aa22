using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Components.Shared;
using WebVirt.Web.Formatting;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Components.Guest;

/// <summary>
/// The guest page's Snapshots tab: the snapshot tree with the current one marked; users allowed to
/// manage snapshots create, revert (after being told what is lost) and delete. Reloads after each
/// change and when the guest or its state changes.
/// </summary>
public partial class GuestSnapshotsPanel
{
    private IReadOnlyList<(GuestSnapshotInfo Snapshot, int Depth)> _tree = [];
    private (string HostId, string Uuid, GuestState State)? _loadedFor;
    private bool _canManage;
    private bool _busy;
    private bool _loaded;
    private string? _loadError;

    [Parameter, EditorRequired]
    public string HostId { get; set; } = "";

    [Parameter, EditorRequired]
    public GuestInfo Guest { get; set; } = default!;

    [Inject]
    private ISnapshotGateway Snapshots { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private RightsEvaluator Evaluator { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null)
        {
            // By the user's rights on this guest, as the gateway decides.
            _canManage = (await Evaluator.ForAsync((await AuthenticationState).User)).MayOnGuest(Permission.ManageSnapshots, HostId, Guest.Uuid);
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        // The inventory row changes every few seconds (CPU use); only another guest or state means other snapshots.
        var key = (HostId, Guest.Uuid, Guest.State);
        if (_loadedFor != key)
        {
            _loadedFor = key;
            await LoadAsync();
        }
    }

    private static string Time(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private string StateText(string state) => S["SnapshotState." + state] is { ResourceNotFound: false } text ? text.Value : state;

    private async Task LoadAsync()
    {
        _busy = true;
        try
        {
            var snapshots = await Snapshots.GetSnapshotsAsync(HostId, Guest.Uuid);
            _tree = SnapshotTree.Flatten(snapshots);
            _loadError = null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _loadError = S["Snapshots.LoadFailed", ex.Message];
        }
        finally
        {
            _busy = false;
            _loaded = true;
        }
    }

    private Task CreateAsync() => GuestSnapshotCreateDialog.ShowAsync(Dialogs, S["SnapshotCreate.Title", Guest.Name], Guest, snapshot =>
        ChangeAsync(snapshot.Name, guest => Snapshots.CreateSnapshotAsync(guest, snapshot)));

    private async Task RevertAsync(GuestSnapshotInfo snapshot)
    {
        var withMemory = snapshot.HasMemory || Guest.State == GuestState.Running;
        var message = S[withMemory ? "SnapshotRevert.LosesDisksAndMemory" : "SnapshotRevert.LosesDisks", Guest.Name, Time(snapshot.CreatedAt), snapshot.Name];
        if (await ConfirmDialog.AskAsync(Dialogs, S["SnapshotRevert.Title", snapshot.Name], message, S["Snapshots.Revert"]))
        {
            await ChangeAsync(snapshot.Name, guest => Snapshots.RevertSnapshotAsync(guest, snapshot.Name));
        }
    }

    private async Task DeleteAsync(GuestSnapshotInfo snapshot)
    {
        if (await ConfirmDialog.AskAsync(Dialogs, S["SnapshotDelete.Title", snapshot.Name], S["SnapshotDelete.Message", snapshot.Name], S["Snapshots.Delete"]))
        {
            await ChangeAsync(snapshot.Name, guest => Snapshots.DeleteSnapshotAsync(guest, snapshot.Name));
        }
    }

    private async Task<ActionResult> ChangeAsync(string name, Func<GuestInfo, Task<ActionResult>> change)
    {
        _busy = true;
        ActionResult result;
        try
        {
            result = await change(Guest);
        }
        finally
        {
            _busy = false;
        }

        Snackbar.Report(result, S["Snapshots.Failed", name, Guest.Name], S["Snapshots.Done", name, Guest.Name], L);
        if (result is { Ok: true, Notice: { } notice })
        {
            // A snapshot taken without the guest agent freezing the file systems: said until read.
            var frozen = notice.Code == ErrorCodes.SnapshotFrozen;
            Snackbar.Add(AgentTexts.Format(notice), frozen ? Severity.Info : Severity.Warning, options =>
            {
                options.RequireInteraction = !frozen;
                options.ShowCloseIcon = true;
            });
        }

        await LoadAsync();
        return result;
    }
}
