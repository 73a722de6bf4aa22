using Microsoft.AspNetCore.Components;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Audit;

namespace WebVirt.Web.Components.Guest;

/// <summary>
/// The guest's state history from its agent merged with what users asked of it from the audit log,
/// so "stopped: destroyed" shows next to "alice force-off". Refused and failed requests are shown too.
/// </summary>
public partial class GuestEventsPanel
{
    public const int Shown = 200;

    private IReadOnlyList<GuestTimelineEntry> _entries = [];
    private string? _error;
    private GuestInfo? _loadedFor;

    [Parameter, EditorRequired]
    public string HostId { get; set; } = "";

    [Parameter, EditorRequired]
    public GuestInfo Guest { get; set; } = default!;

    [Inject]
    private IGuestPageGateway GuestDetails { get; set; } = default!;

    [Inject]
    private AuditLog Audit { get; set; } = default!;

    protected override Task OnParametersSetAsync()
    {
        // A new state means a new history line; other row updates (CPU figures) do not.
        if (_loadedFor is not null && _loadedFor.Uuid == Guest.Uuid && _loadedFor.State == Guest.State)
        {
            return Task.CompletedTask;
        }

        _loadedFor = Guest;
        return LoadAsync();
    }

    private async Task LoadAsync()
    {
        _error = null;
        IReadOnlyList<GuestHistoryEntry> history = [];
        try
        {
            history = await GuestDetails.GetGuestHistoryAsync(HostId, Guest.Uuid, Shown);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The audit half is still worth showing while the agent is away.
            _error = ex.Message;
        }

        var audit = await Audit.ForGuestAsync(HostId, Guest.Uuid, Shown);
        _entries = GuestTimelineEntry.Merge(history, audit);
    }
}
