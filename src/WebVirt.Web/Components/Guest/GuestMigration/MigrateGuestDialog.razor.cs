using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Formatting;

namespace WebVirt.Web.Components.Guest;

/// <summary>
/// "Migrate" on the guest page: the choices of <see cref="MigrationChoiceForm"/> among the connected hosts the
/// console can vouch for. The source agent checks the destination before it starts (a refusal shows here);
/// then the dialog follows the task's pushed statistics and can cancel it, which leaves the guest
/// running where it is.
/// </summary>
public sealed partial class MigrateGuestDialog : IDisposable
{
    private IReadOnlyList<HostView> _destinations = [];
    private IReadOnlyList<GuestInfo> _guests = [];
    private MigrationChoiceForm? _form;
    private string? _destination;
    private string? _taskId;
    private bool _starting;
    private bool _cancelling;
    private string? _message;
    private bool _ok;

    /// <summary>The task ended on a cancel: the message says so without calling it a failure.</summary>
    private bool _cancelled;
    private IDisposable? _subscription;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter]
    [EditorRequired]
    public GuestInfo Guest { get; set; } = default!;

    [Inject]
    private IMigrationGateway Migrations { get; set; } = default!;

    [Inject]
    private AgentConnections Agents { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private AgentTaskInfo? Task => _taskId is null ? null : Agents.Tasks.FirstOrDefault(t => t.TaskId == _taskId);

    private bool Running => Task is { State: AgentTaskState.Running };

    /// <summary>The guest runs on the destination; the task still stops its old copy on the source.</summary>
    private bool Arrived => Task is { State: AgentTaskState.Running, Migration.Arrived: true };

    private bool Started => _taskId is not null;

    private bool GuestRuns => Guest.State is GuestState.Running or GuestState.Paused;

    private string DestinationName => _destinations.FirstOrDefault(h => h.HostId == _destination)?.Name ?? _destination ?? "";

    public static Task<IDialogReference> ShowAsync(IDialogService dialogs, string title, GuestInfo guest)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var parameters = new DialogParameters<MigrateGuestDialog> { { d => d.Guest, guest } };
        var options = new DialogOptions { CloseOnEscapeKey = false, BackdropClick = false, MaxWidth = MaxWidth.Small, FullWidth = true };
        return dialogs.ShowAsync<MigrateGuestDialog>(title, parameters, options);
    }

    public void Dispose() => _subscription?.Dispose();

    protected override void OnInitialized()
    {
        _guests = [Guest];
        _destinations = Migrations.Destinations(Guest);
        _subscription = Agents.Subscribe(() => _ = InvokeAsync(FollowTask));
    }

    private async Task StartAsync()
    {
        _message = null;
        if (_form?.TryChoose() is not { } choice)
        {
            return;
        }

        _starting = true;
        try
        {
            var result = await Migrations.MigrateAsync(Guest, choice);
            if (result.Ok)
            {
                _destination = choice.DestinationHostId;
                _taskId = result.TaskId;
                // A short migration (offline) can end before the source's answer is back: its last push found no task to follow.
                ShowOutcome();
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
        ShowOutcome();
        StateHasChanged();
    }

    /// <summary>
    /// The message once the guest runs on the destination or the task ended (once: a later push changes
    /// nothing; a task that says the guest arrived ends in success).
    /// </summary>
    private void ShowOutcome()
    {
        if (Arrived && _message is null)
        {
            _ok = true;
            _message = M["Migrate.Done", Guest.Name, DestinationName];
        }

        if (Task is { State: not AgentTaskState.Running } finished && _message is null)
        {
            _ok = finished.State == AgentTaskState.Succeeded;
            _cancelled = finished.State == AgentTaskState.Cancelled;
            _message = _ok ? M["Migrate.Done", Guest.Name, DestinationName] : _cancelled && finished.Error is { } outcome ? AgentTexts.Format(outcome) : M["Migrate.Failed", finished.Error switch
            {
                { Cause: { } cause } => AgentTexts.Format(finished.Error) + "\n" + AgentTexts.Format(cause),
                { } error => AgentTexts.Format(error),
                null => "",
            }];
        }
    }

    private string Status(AgentTaskInfo task) =>
        task.Migration is { Arrived: true } ? M["Migrate.StoppingSource"]
        : task.Migration is { } p
            ? M["Migrate.Progress", Bytes(p.DataProcessed), Bytes(p.DataTotal), Bytes(p.DataRemaining), Bytes(p.BytesPerSecond), p.ExpectedDowntimeMs]
            : M["Migrate.Preparing"];

    // A full load: the guest page reads a guest's details once, for the host it was opened on.
    private void OpenOnDestination() =>
        Navigation.NavigateTo($"/guests/{Uri.EscapeDataString(_destination ?? "")}/{Uri.EscapeDataString(Guest.Uuid)}", forceLoad: true);

    private Severity ResultSeverity => _ok ? Severity.Success : _cancelled ? Severity.Info : Severity.Error;

    private void Close() => Dialog.Close(DialogResult.Ok(Task is { State: AgentTaskState.Succeeded }));

    private static string Bytes(long bytes) => Sizes.FromBytes(bytes, CultureInfo.CurrentCulture);
}
