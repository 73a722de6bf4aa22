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
/// start button is the confirmation. Then the server's <see cref="MigrationBatches"/> moves them (on when the dialog or the
/// page closes), and each row follows its guest: waiting, checking, migrating (its task, also in the tasks panel), moved,
/// or why it did not move. Opened on a running <see cref="Batch"/> (a page's banner), it follows that batch; Cancel stops it.
/// </summary>
public sealed partial class MigrationBatchDialog : IDisposable
{
    private IReadOnlyList<HostView> _destinations = [];
    private MigrationChoiceForm? _form;
    private MigrationBatch? _batch;
    private bool _cancelling;
    private string? _cancelFailure;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>The guests to move.</summary>
    [Parameter]
    [EditorRequired]
    public IReadOnlyList<GuestInfo> Guests { get; set; } = [];

    /// <summary>The host being evacuated (live migration only, its destinations), or null for a bulk migrate.</summary>
    [Parameter]
    public string? SourceHostId { get; set; }

    /// <summary>A batch already started (on the server) to follow instead of starting one.</summary>
    [Parameter]
    public MigrationBatch? Batch { get; set; }

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

    /// <summary>Opens a running (or ended) <paramref name="batch"/> to follow and cancel it.</summary>
    public static Task<IDialogReference> ShowBatchAsync(IDialogService dialogs, string title, MigrationBatch batch)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        ArgumentNullException.ThrowIfNull(batch);
        var parameters = new DialogParameters<MigrationBatchDialog>
        {
            { d => d.Guests, [.. batch.Entries.Select(entry => entry.Guest)] }, { d => d.SourceHostId, batch.SourceHostId }, { d => d.Batch, batch },
        };
        return dialogs.ShowAsync<MigrationBatchDialog>(title, parameters, Options);
    }

    public void Dispose() => _batch?.Changed -= Refresh;

    protected override void OnInitialized()
    {
        if (Batch is { } batch)
        {
            Follow(batch);
            return;
        }

        // The destinations every guest can go to: a host is no destination for its own guests.
        _destinations = SourceHostId is { } source
            ? Runner.DestinationsFrom(source)
            : [.. Guests.Select(Migrations.Destinations)
                .Aggregate<IReadOnlyList<HostView>, IEnumerable<HostView>?>(null, (common, next) => common is null ? next : common.IntersectBy(next.Select(h => h.HostId), h => h.HostId))
                ?? []];
    }

    private static DialogOptions Options => new() { CloseOnEscapeKey = false, BackdropClick = false, MaxWidth = MaxWidth.Small, FullWidth = true };

    private static Task<IDialogReference> ShowAsync(IDialogService dialogs, string title, IReadOnlyList<GuestInfo> guests, string? hostId)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var parameters = new DialogParameters<MigrationBatchDialog> { { d => d.Guests, guests }, { d => d.SourceHostId, hostId } };
        return dialogs.ShowAsync<MigrationBatchDialog>(title, parameters, Options);
    }

    private async Task Start()
    {
        if (_form?.TryChoose() is not { } choice)
        {
            return;
        }

        Follow(await Runner.StartAsync(Guests, choice, SourceHostId));
    }

    private void Follow(MigrationBatch batch)
    {
        _batch = batch;
        _batch.Changed += Refresh;
    }

    private async Task CancelAsync()
    {
        if (_batch is not { } batch)
        {
            return;
        }

        _cancelling = true;
        var result = await Runner.CancelAsync(batch);
        _cancelFailure = result.Ok ? null : AgentTexts.Describe(result);
        _cancelling = false;
    }

    /// <summary>Where a followed batch moves its guests, and who started it.</summary>
    private string Summary(MigrationBatch batch) =>
        M[batch.Choice.Live ? "Batch.SummaryLive" : "Batch.SummaryOffline", HostName(batch.Choice.DestinationHostId), batch.StartedBy];

    private void Refresh() => _ = InvokeAsync(StateHasChanged);

    private string HostName(string hostId) => Agents.Hosts.FirstOrDefault(h => h.HostId == hostId)?.DisplayName ?? hostId;

    private string Overall(MigrationBatch batch)
    {
        var entries = batch.Entries;
        var moved = entries.Count(entry => entry.Step == BatchStep.Moved);
        var finished = entries.Count(entry => entry.Finished);
        return M["Batch.Overall", finished, entries.Count, moved, finished - moved];
    }

    private static Color StepColor(BatchStep step) => step switch
    {
        BatchStep.Moved => Color.Success,
        BatchStep.Refused or BatchStep.Failed => Color.Error,
        BatchStep.Skipped or BatchStep.Cancelled => Color.Warning,
        BatchStep.Running or BatchStep.Starting => Color.Info,
        _ => Color.Default,
    };

    private static bool Runs(GuestInfo guest) => guest.State is GuestState.Running or GuestState.Paused;

    private void Close() => Dialog.Close(DialogResult.Ok(_batch is not null));
}
