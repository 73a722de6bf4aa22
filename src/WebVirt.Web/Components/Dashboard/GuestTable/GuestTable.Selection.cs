using Microsoft.AspNetCore.Components;

namespace WebVirt.Web.Components.Dashboard;

/// <summary>Choosing guests for an action on several at once (bulk migrate): a checkbox per row and one for the rows shown.</summary>
public partial class GuestTable
{
    /// <summary>The chosen guests; null shows no checkboxes.</summary>
    [Parameter]
    public IReadOnlySet<GuestKey>? Selected { get; set; }

    [Parameter]
    public EventCallback<IReadOnlySet<GuestKey>> SelectedChanged { get; set; }

    private int ColumnCount => Columns.Length + (Selected is null ? 1 : 2);

    private bool AllShownSelected => Selected is { Count: > 0 } selected && _view.Count > 0 && _view.All(guest => selected.Contains(GuestKey.Of(guest)));

    private Task Select(Contracts.GuestInfo guest, bool on)
    {
        var selected = new HashSet<GuestKey>(Selected ?? new HashSet<GuestKey>());
        _ = on ? selected.Add(GuestKey.Of(guest)) : selected.Remove(GuestKey.Of(guest));
        return SelectedChanged.InvokeAsync(selected);
    }

    // Only the rows the filters leave: selecting "all" never picks a guest the user cannot see in the table.
    private Task SelectAllShown(bool on)
    {
        var selected = new HashSet<GuestKey>(Selected ?? new HashSet<GuestKey>());
        foreach (var guest in _view)
        {
            _ = on ? selected.Add(GuestKey.Of(guest)) : selected.Remove(GuestKey.Of(guest));
        }

        return SelectedChanged.InvokeAsync(selected);
    }
}
