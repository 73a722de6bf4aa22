using Microsoft.AspNetCore.Components;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Formatting;

namespace WebVirt.Web.Components.Guest;

/// <summary>
/// What a migration is to do: the destination, live or offline (as the guests' states allow), shared or copied
/// disks with the destination pool, a bandwidth limit. The dialog around it asks <see cref="TryChoose"/> when the
/// user starts, so the form and its checks exist once for one guest, many, or a whole host.
/// </summary>
public sealed partial class MigrationChoiceForm
{
    private IReadOnlyList<StoragePoolDto> _pools = [];
    private string? _destination;
    private bool _live;
    private bool _copy;
    private string? _pool;
    private int _bandwidth;
    private bool _touched;
    private string? _poolError;

    /// <summary>The hosts to choose from, the first chosen unless <see cref="InitialDestination"/> names another.</summary>
    [Parameter]
    [EditorRequired]
    public IReadOnlyList<HostView> Destinations { get; set; } = [];

    [Parameter]
    public string? InitialDestination { get; set; }

    /// <summary>Whether a live migration may be chosen (some guest runs); it is chosen first when it may.</summary>
    [Parameter]
    public bool LiveAllowed { get; set; }

    /// <summary>Whether an offline migration may be chosen (some guest is shut off).</summary>
    [Parameter]
    public bool OfflineAllowed { get; set; }

    /// <summary>Once started, the choices are only shown.</summary>
    [Parameter]
    public bool Disabled { get; set; }

    [Inject]
    private IProvisioningGateway Provisioning { get; set; } = default!;

    /// <summary>The chosen destination's display name.</summary>
    public string DestinationName => Destinations.FirstOrDefault(h => h.HostId == _destination)?.Name ?? _destination ?? "";

    private List<string> Problems
    {
        get
        {
            var problems = new List<string>();
            if (_copy && string.IsNullOrEmpty(_pool))
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

    /// <summary>The choice, or null when none can be made yet (its problems are shown from now on).</summary>
    public MigrationChoice? TryChoose()
    {
        _touched = true;
        StateHasChanged();
        return Problems.Count > 0 || _destination is null ? null : new MigrationChoice(_destination, _live, _copy, _copy ? _pool : null, _bandwidth);
    }

    protected override async Task OnInitializedAsync()
    {
        _live = LiveAllowed;
        if (Destinations.Count > 0)
        {
            await DestinationChangedAsync(Destinations.FirstOrDefault(h => h.HostId == InitialDestination)?.HostId ?? Destinations[0].HostId);
        }
    }

    private async Task DestinationChangedAsync(string hostId)
    {
        _destination = hostId;
        _pool = null;
        _poolError = null;
        try
        {
            _pools = [.. (await Provisioning.ListPoolsAsync(hostId)).Where(p => p.Active)];
            _pool = _pools.FirstOrDefault()?.Name;
        }
        catch (AgentCallException ex)
        {
            _pools = [];
            _poolError = AgentTexts.Describe(ex.Failure);
        }
    }
}
