using System.Collections.ObjectModel;
using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Formatting;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Components.Dashboard;

/// <summary>
/// Every guest of every host in the order shared by every table showing the same inventory
/// (<see cref="GuestOrder"/>), filtered here, rendered through Virtualize so only the
/// visible rows are in the DOM (a thousand guests stay smooth). A plain table with MudBlazor's
/// table styles is used because MudTable and MudDataGrid cannot put attributes on a row.
/// </summary>
public partial class GuestTable
{
    private static readonly GuestColumn[] Columns = Enum.GetValues<GuestColumn>();

    private ReadOnlyCollection<GuestInfo> _view = ReadOnlyCollection<GuestInfo>.Empty;
    private IReadOnlyList<GuestInfo>? _source;
    private string? _nameFilter;
    private GuestState? _stateFilter;
    private GuestColumn _sortColumn = GuestColumn.Name;
    private bool _descending;

    // Virtualize renders its first rows only after the browser has measured the table (and never
    // while prerendering), so until a row is rendered the count would describe an empty table; the
    // count then renders in the rows' batch (FirstRowSignal), which the browser applies at once.
    private bool _rowsOnScreen;

    [Parameter, EditorRequired]
    public IReadOnlyList<GuestInfo> Guests { get; set; } = [];

    /// <summary>Display names by host id.</summary>
    [Parameter]
    public IReadOnlyDictionary<string, string> HostNames { get; set; } = new Dictionary<string, string>();

    /// <summary>The guests with a command in flight.</summary>
    [Parameter]
    public IReadOnlySet<GuestKey> BusyGuests { get; set; } = new HashSet<GuestKey>();

    [Parameter]
    public EventCallback<GuestActionRequest> OnAction { get; set; }

    /// <summary>Clone, template and delete clicks; the page opens their dialogs.</summary>
    [Parameter]
    public EventCallback<GuestProvisioningRequest> OnProvision { get; set; }

    /// <summary>The user's rights, read once by the page: each row's buttons follow the user's rights on that guest.</summary>
    [Parameter]
    public UserRights Rights { get; set; } = UserRights.None;

    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(_source, Guests))
        {
            _source = Guests;
            Rebuild();
        }
    }

    /// <summary>Guests to show but no row on screen yet: the table and the count say "loading".</summary>
    private bool Loading => _view.Count > 0 && !_rowsOnScreen;

    private void RowsRendered() => _rowsOnScreen = true;

    private void OnNameFilterChanged(string? value)
    {
        _nameFilter = value;
        Rebuild();
    }

    private void OnStateFilterChanged(GuestState? value)
    {
        _stateFilter = value;
        Rebuild();
    }

    private void SortBy(GuestColumn column)
    {
        _descending = column == _sortColumn && !_descending;
        _sortColumn = column;
        Rebuild();
    }

    private void Rebuild()
    {
        // The order is the snapshot's, shared with every other table that shows it; the filters only
        // pick from it, and without a filter the table shows the shared order itself.
        var ordered = GuestOrder.Of(Guests, HostNames, _sortColumn, _descending, CultureInfo.CurrentCulture);
        var text = _nameFilter?.Trim();
        if (string.IsNullOrEmpty(text) && _stateFilter is null)
        {
            _view = ordered;
        }
        else
        {
            var state = _stateFilter;
            _view = new ReadOnlyCollection<GuestInfo>([.. ordered.Where(guest =>
                (string.IsNullOrEmpty(text) || guest.Name.Contains(text, StringComparison.OrdinalIgnoreCase))
                && (state is null || guest.State == state))]);
        }

        // An empty view removes the Virtualize; the next one starts without rows on screen again.
        if (_view.Count == 0)
        {
            _rowsOnScreen = false;
        }
    }

    private string SortIcon(GuestColumn column) =>
        column == _sortColumn && _descending ? Icons.Material.Filled.ArrowDownward : Icons.Material.Filled.ArrowUpward;

    private static bool IsNumeric(GuestColumn column) => column is GuestColumn.VCpus or GuestColumn.Memory or GuestColumn.Cpu;

    private string HostName(string hostId) => HostNames.TryGetValue(hostId, out var name) ? name : hostId;

    private bool IsBusy(GuestInfo guest) => BusyGuests.Contains(GuestKey.Of(guest));

    private string StateFilterText(GuestState? state) =>
        state is { } value ? L[GuestStateText.ResourceKey(value)] : L["Guests.AllStates"];
}
