using Microsoft.AspNetCore.Components;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Formatting;

namespace WebVirt.Web.Components.Guest;

/// <summary>
/// Moving several guests to one destination: the dashboard's selection (bulk migrate) or every running guest of a
/// host (evacuate). It lists the guests it will move and asks the choices of <see cref="MigrationChoiceForm"/>; the
/// start button is the confirmation. Then <see cref="MigrationBatchRunner"/> moves them, and each row follows its
/// guest: waiting, checking, migrating (its task, also in the tasks panel), moved, or why it did not move.
/// </summary>
public sealed partial class MigrationBatchDialog : IDisposable
{
    private IReadOnlyList<HostView> _destinations = [];
    private MigrationChoiceForm? _form;
    private MigrationBatch? _batch;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>The guests to move.</summary>
    [Parameter]
    [EditorRequired]
    public IReadOnlyList<GuestInfo> Guests { get; set; } = [];

    /// <summary>The host being evacuated (live migration only, its destinations), or null for a bulk migrate.</summary>
    [Parameter]
    public string? SourceHostId { get; set; }

    [Inject]
    private MigrationBatchRunner Runner { get; set; } = default!;

    [Inject]
    private IMigrationGateway Migrations { get; set; } = default!;

    [Inject]
    private AgentConnections Agents { get; set; } = default!;

    private IReadOnlyList<BatchEntry> Entries => _batch?.Entries ?? [.. Guests.Select(guest => new BatchEntry(guest, BatchStep.Queued))];

    private bool Running => _batch is { Completion.IsCompleted: false };

    private bool AnyRuns => Guests.Any(Runs);

    private bool AnyStopped => Guests.Any(guest => !Runs(guest));

    /// <summary>Opens the bulk migrate of <paramref name="guests"/>.</summary>
    public static Task<IDialogReference> ShowAsync(IDialogService dialogs, string title, IReadOnlyList<GuestInfo> guests) =>
        ShowAsync(dialogs, title, guests, null);

    /// <summary>Opens the evacuation of <paramref name="hostId"/>, moving <paramref name="guests"/> (its running guests).</summary>
    public static Task<IDialogReference> ShowEvacuationAsync(IDialogService dialogs, string title, string hostId, IReadOnlyList<GuestInfo> guests) =>
        ShowAsync(dialogs, title, guests, hostId);

    public void Dispose() => _batch?.Changed -= Refresh;

    protected override void OnInitialized() =>
        // The destinations every guest can go to: a host is no destination for its own guests.
        _destinations = SourceHostId is { } source
            ? Runner.DestinationsFrom(source)
            : [.. Guests.Select(Migrations.Destinations)
                .Aggregate<IReadOnlyList<HostView>, IEnumerable<HostView>?>(null, (common, next) => common is null ? next : common.IntersectBy(next.Select(h => h.HostId), h => h.HostId))
                ?? []];

    private static Task<IDialogReference> ShowAsync(IDialogService dialogs, string title, IReadOnlyList<GuestInfo> guests, string? hostId)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var parameters = new DialogParameters<MigrationBatchDialog> { { d => d.Guests, guests }, { d => d.SourceHostId, hostId } };
        var options = new DialogOptions { CloseOnEscapeKey = false, BackdropClick = false, MaxWidth = MaxWidth.Small, FullWidth = true };
        return dialogs.ShowAsync<MigrationBatchDialog>(title, parameters, options);
    }

    private void Start()
    {
        if (_form?.TryChoose() is not { } choice)
        {
            return;
        }

        _batch = Runner.Start(Guests, choice);
        _batch.Changed += Refresh;
    }

    private void Refresh() => _ = InvokeAsync(StateHasChanged);

    private string HostName(string hostId) => Agents.Hosts.FirstOrDefault(h => h.HostId == hostId)?.DisplayName ?? hostId;

    private string Overall(MigrationBatch batch)
    {
        var entries = batch.Entries;
        var moved = entries.Count(entry => entry.Step == BatchStep.Moved);
        var finished = entries.Count(entry => entry.Finished);
        return M["Batch.Overall", finished, entries.Count, moved, finished - moved];
    }

    /// <summary>Why the guest did not move, in the user's words; null while it may still move or when it did.</summary>
    private static string? Reason(BatchEntry entry) => entry switch
    {
        { Step: BatchStep.Refused, Refusal: { } refusal } => AgentTexts.Describe(refusal),
        { Step: BatchStep.Failed, Task.Error: { Cause: { } cause } error } => AgentTexts.Format(error) + "\n" + AgentTexts.Format(cause),
        { Step: BatchStep.Failed, Task.Error: { } error } => AgentTexts.Format(error),
        _ => null,
    };

    private static Color StepColor(BatchStep step) => step switch
    {
        BatchStep.Moved => Color.Success,
        BatchStep.Refused or BatchStep.Failed => Color.Error,
        BatchStep.Skipped => Color.Warning,
        BatchStep.Running or BatchStep.Starting => Color.Info,
        _ => Color.Default,
    };

    private static bool Runs(GuestInfo guest) => guest.State is GuestState.Running or GuestState.Paused;

    private void Close() => Dialog.Close(DialogResult.Ok(_batch is not null));
}
