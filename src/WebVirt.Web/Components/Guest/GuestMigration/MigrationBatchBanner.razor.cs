using Microsoft.AspNetCore.Components;
using MudBlazor;
using WebVirt.Web.Agents;
using WebVirt.Web.Agents.Gateway;

namespace WebVirt.Web.Components.Guest;

/// <summary>
/// The migration batches running on the server that the user may follow, one line each with a button that opens the
/// batch dialog on it: a page opened again (or by a colleague) shows an evacuation or bulk migrate still going on.
/// Kept current through <see cref="MigrationBatches.Changed"/>, as the tasks panel is through the agents' pushes.
/// </summary>
public sealed partial class MigrationBatchBanner
{
    private IReadOnlyList<MigrationBatch> _running = [];
    private bool _reloading;
    private bool _again;

    /// <summary>Only the batches that move guests from or to this host; null for all.</summary>
    [Parameter]
    public string? HostId { get; set; }

    [Inject]
    private MigrationBatches Batches { get; set; } = default!;

    [Inject]
    private MigrationBatchRunner Runner { get; set; } = default!;

    [Inject]
    private AgentConnections Agents { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    public void Dispose() => Batches.Changed -= OnChanged;

    protected override async Task OnInitializedAsync()
    {
        Batches.Changed += OnChanged;
        await ReloadAsync();
    }

    private void OnChanged(MigrationBatch batch) =>
        // A task's progress changes often: one reload at a time, and one more when something changed meanwhile (the end).
        _ = InvokeAsync(async () =>
        {
            if (_reloading)
            {
                _again = true;
                return;
            }

            _reloading = true;
            try
            {
                do
                {
                    _again = false;
                    await ReloadAsync();
                    StateHasChanged();
                }
                while (_again);
            }
            finally
            {
                _reloading = false;
            }
        });

    private async Task ReloadAsync() =>
        _running = [.. (await Runner.VisibleAsync()).Where(batch => batch.State == BatchState.Running && Concerns(batch))];

    private bool Concerns(MigrationBatch batch) =>
        HostId is null || batch.SourceHostId == HostId || batch.Choice.DestinationHostId == HostId
        || batch.Entries.Any(entry => entry.Guest.HostId == HostId);

    private string Text(MigrationBatch batch)
    {
        var entries = batch.Entries;
        var finished = entries.Count(entry => entry.Finished);
        return batch.SourceHostId is { } source
            ? M["Batch.BannerEvacuation", entries.Count, HostName(batch.Choice.DestinationHostId), HostName(source), finished]
            : M["Batch.Banner", entries.Count, HostName(batch.Choice.DestinationHostId), finished];
    }

    private string HostName(string hostId) => Agents.Hosts.FirstOrDefault(h => h.HostId == hostId)?.DisplayName ?? hostId;

    private async Task ShowAsync(MigrationBatch batch)
    {
        var title = batch.SourceHostId is { } source ? M["Evacuate.Title", HostName(source)] : M["Batch.Title", batch.Entries.Count];
        await MigrationBatchDialog.ShowBatchAsync(Dialogs, title, batch);
    }
}
