using Microsoft.AspNetCore.Components;
using WebVirt.Contracts;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Components.Dashboard;

/// <summary>
/// One guest's row of the dashboard's table. Every running guest's CPU % changes on every poll, so at
/// scale nearly every push renders the table with new guests of which only that figure differs: the row
/// then renders only its CPU figure, not its link, checkbox and buttons (a dozen MudBlazor components a
/// row, in every open circuit, several times a second).
/// </summary>
public partial class GuestRow
{
    private GuestCpuFigure? _cpu;
    private RenderedFrom? _shown;
    private bool _usageOnly;

    [Parameter, EditorRequired]
    public GuestInfo Guest { get; set; } = default!;

    [Parameter]
    public string HostName { get; set; } = "";

    /// <summary>The user's rights, read once by the page: the buttons follow the user's rights on this guest.</summary>
    [Parameter]
    public UserRights Rights { get; set; } = UserRights.None;

    /// <summary>A command for this guest is in flight.</summary>
    [Parameter]
    public bool Busy { get; set; }

    /// <summary>Whether the row has a checkbox (the table offers bulk actions).</summary>
    [Parameter]
    public bool Selectable { get; set; }

    [Parameter]
    public bool IsSelected { get; set; }

    [Parameter]
    public EventCallback<bool> OnSelect { get; set; }

    [Parameter]
    public EventCallback<GuestActionRequest> OnAction { get; set; }

    [Parameter]
    public EventCallback<GuestProvisioningRequest> OnProvision { get; set; }

    private string GuestHref => $"/guests/{Uri.EscapeDataString(Guest.HostId)}/{Uri.EscapeDataString(Guest.Uuid)}";

    protected override void OnParametersSet()
    {
        var now = new RenderedFrom(Guest, HostName, Rights, Busy, Selectable, IsSelected);
        _usageOnly = _shown is { } before && before.DiffersOnlyInUsage(now);
        if (_usageOnly)
        {
            // The callbacks are the table's and carry the guest's identity only, so the ones rendered before still fit.
            _cpu?.Show(Guest.CpuPercent);
        }
        else
        {
            _shown = now;
        }
    }

    // Only the render that follows a usage-only change is skipped; one after an event in the row still renders.
    protected override bool ShouldRender()
    {
        var render = !_usageOnly;
        _usageOnly = false;
        return render;
    }

    private Task ToggleAutostart() =>
        OnAction.InvokeAsync(new GuestActionRequest(Guest, Guest.Autostart ? GuestAction.AutostartOff : GuestAction.AutostartOn));

    /// <summary>What the row last rendered from.</summary>
    private sealed record RenderedFrom(GuestInfo Guest, string HostName, UserRights Rights, bool Busy, bool Selectable, bool IsSelected)
    {
        // Compared through a copy with the usage figures (and their time) taken over, so a field added to
        // GuestInfo later counts as a change that renders the row rather than one it silently misses.
        public bool DiffersOnlyInUsage(RenderedFrom now) =>
            HostName == now.HostName && ReferenceEquals(Rights, now.Rights) && Busy == now.Busy
            && Selectable == now.Selectable && IsSelected == now.IsSelected
            && (ReferenceEquals(Guest, now.Guest) || Guest == now.Guest with { CpuPercent = Guest.CpuPercent, UpdatedAt = Guest.UpdatedAt });
    }
}
