using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Formatting;

namespace WebVirt.Web.Components.Guest;

/// <summary>
/// "Migrate" on the guest page: the destination (connected hosts the console can vouch for), live or
/// offline (as the guest's state allows), each disk left in place or copied as the pools' marking
/// decides (explained per disk), the destination pool for copies, a bandwidth limit. The source agent checks the destination before it starts (a refusal shows here);
/// then the dialog follows the task's pushed statistics and can cancel it, which leaves the guest
/// running where it is.
/// </summary>
public sealed partial class MigrateGuestDialog : IDisposable
{
    private IReadOnlyList<HostView> _destinations = [];
    private IReadOnlyList<StoragePoolDto> _pools = [];
    private string? _destination;
    private bool _live;
    private IReadOnlyList<MigrationDisk>? _disks;
    private string? _pool;
    private int _bandwidth;
    private string? _taskId;
    private bool _starting;
    private bool _cancelling;
    private bool _touched;
    private string? _message;
    private bool _ok;
    private IDisposable? _subscription;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter]
    [EditorRequired]
    public GuestInfo Guest { get; set; } = default!;

    [Inject]
    private IMigrationGateway Migrations { get; set; } = default!;

    [Inject]
    private IProvisioningGateway Provisioning { get; set; } = default!;

    [Inject]
    private IMigrationSettingsGateway Settings { get; set; } = default!;

    [Inject]
    private IGuestPageGateway GuestDetails { get; set; } = default!;

    [Inject]
    private AgentConnections Agents { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private AgentTaskInfo? Task => _taskId is null ? null : Agents.Tasks.FirstOrDefault(t => t.TaskId == _taskId);

    private bool Running => Task is { State: AgentTaskState.Running };

    private bool Started => _taskId is not null;

    private bool GuestRuns => Guest.State is GuestState.Running or GuestState.Paused;

    /// <summary>Whether a disk is copied: the administrator's marking decides, not the user (MigrationDiskPlan).</summary>
    private bool Copy => _disks is { } disks && MigrationDiskPlan.NeedsCopy(disks);

    private string DestinationName => _destinations.FirstOrDefault(h => h.HostId == _destination)?.Name ?? _destination ?? "";

    private List<string> Problems
    {
        get
        {
            var problems = new List<string>();
            if (_disks is null)
            {
                problems.Add(M["Migrate.DisksUnknown", ""]);
            }
            else if (_disks.FirstOrDefault(d => d.Pool is null) is { } outside)
            {
                problems.Add(M["Migrate.DiskOutsidePool", outside.Target]);
            }

            if (Copy && string.IsNullOrEmpty(_pool))
            {
                problems.Add(M["Migrate.PoolRequired"]);
            }

            if (_bandwidth < 0)
            {
                problems.Add(M["Migrate.BandwidthInvalid"]);
            }

            return problems;
        }
    }

    public static Task<IDialogReference> ShowAsync(IDialogService dialogs, string title, GuestInfo guest)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var parameters = new DialogParameters<MigrateGuestDialog> { { d => d.Guest, guest } };
        var options = new DialogOptions { CloseOnEscapeKey = false, BackdropClick = false, MaxWidth = MaxWidth.Small, FullWidth = true };
        return dialogs.ShowAsync<MigrateGuestDialog>(title, parameters, options);
    }

    public void Dispose() => _subscription?.Dispose();

    protected override async Task OnInitializedAsync()
    {
        _live = GuestRuns;
        _destinations = Migrations.Destinations(Guest);
        await ReadDisksAsync();
        _subscription = Agents.Subscribe(() => _ = InvokeAsync(FollowTask));
        if (_destinations.Count > 0)
        {
            await DestinationChangedAsync(_destinations[0].HostId);
        }
    }

    private async Task ReadDisksAsync()
    {
        try
        {
            var shared = await Settings.SharedPoolsAsync(Guest.HostId);
            var details = await GuestDetails.GetGuestDetailsAsync(Guest.HostId, Guest.Uuid);
            _disks = details is null ? null : MigrationDiskPlan.For(details.Hardware.Disks, shared);
            if (details is null)
            {
                (_ok, _message) = (false, M["Migrate.DisksUnknown", Guest.Name]);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _disks = null;
            (_ok, _message) = (false, M["Migrate.DisksUnknown", ex is AgentCallException call ? AgentTexts.Describe(call.Failure) : ex.Message]);
        }
    }

    private async Task DestinationChangedAsync(string hostId)
    {
        _destination = hostId;
        _pool = null;
        try
        {
            _pools = [.. (await Provisioning.ListPoolsAsync(hostId)).Where(p => p.Active)];
            _pool = _pools.FirstOrDefault()?.Name;
        }
        catch (AgentCallException ex)
        {
            _pools = [];
            _message = AgentTexts.Describe(ex.Failure);
        }
    }

    private async Task StartAsync()
    {
        _touched = true;
        if (Problems.Count > 0 || _destination is null)
        {
            return;
        }

        _starting = true;
        try
        {
            _message = null;
            var result = await Migrations.MigrateAsync(Guest, new MigrationChoice(_destination, _live, Copy, Copy ? _pool : null, _bandwidth));
            if (result.Ok)
            {
                _taskId = result.TaskId;
            }
            else
            {
                _ok = false;
                _message = M["Migrate.Failed", AgentTexts.Describe(result)];
            }
        }
        finally
        {
            _starting = false;
        }
    }

    private async Task CancelMigrationAsync()
    {
        _cancelling = true;
        try
        {
            var result = await Migrations.CancelAsync(Guest.HostId, _taskId!);
            if (!result.Ok)
            {
                _ok = false;
                _message = AgentTexts.Describe(result);
            }
        }
        finally
        {
            _cancelling = false;
        }
    }

    private void FollowTask()
    {
        if (Task is { State: not AgentTaskState.Running } finished && _message is null)
        {
            _ok = finished.State == AgentTaskState.Succeeded;
            _message = _ok ? M["Migrate.Done", Guest.Name, DestinationName] : M["Migrate.Failed", finished.Error switch
            {
                { Cause: { } cause } => AgentTexts.Format(finished.Error) + "\n" + AgentTexts.Format(cause),
                { } error => AgentTexts.Format(error),
                null => "",
            }];
        }

        StateHasChanged();
    }

    private string Status(AgentTaskInfo task) =>
        task.Migration is { } p
            ? M["Migrate.Progress", Bytes(p.DataProcessed), Bytes(p.DataTotal), Bytes(p.DataRemaining), Bytes(p.BytesPerSecond), p.ExpectedDowntimeMs]
            : M["Migrate.Preparing"];

    // A full load: the guest page reads a guest's details once, for the host it was opened on.
    private void OpenOnDestination() =>
        Navigation.NavigateTo($"/guests/{Uri.EscapeDataString(_destination ?? "")}/{Uri.EscapeDataString(Guest.Uuid)}", forceLoad: true);

    private void Close() => Dialog.Close(DialogResult.Ok(Task is { State: AgentTaskState.Succeeded }));

    private static string Bytes(long bytes) => Sizes.FromBytes(bytes, CultureInfo.CurrentCulture);
}
