using Microsoft.AspNetCore.Components;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Formatting;

namespace WebVirt.Web.Components.Guest;

/// <summary>
/// What a migration is to do: the destination, live or offline (as the guests' states allow), each guest's disks left
/// in place or copied as the pools' marking decides (explained per disk, <see cref="MigrationDiskPlan"/>), the
/// destination pool when anything is copied, a bandwidth limit. The dialog around it asks <see cref="TryChoose"/> when
/// the user starts, so the form and its checks exist once for one guest, many, or a whole host.
/// </summary>
public sealed partial class MigrationChoiceForm
{
    private IReadOnlyList<StoragePoolDto> _pools = [];
    private readonly Dictionary<string, IReadOnlyList<MigrationDisk>?> _disks = [];
    private readonly List<string> _readErrors = [];
    private string? _poolError;
    private string? _destination;
    private bool _live;
    private string? _pool;
    private int _bandwidth;
    private bool _touched;
    private bool _loading = true;

    /// <summary>The guests to move: their disks are read and explained.</summary>
    [Parameter]
    [EditorRequired]
    public IReadOnlyList<GuestInfo> Guests { get; set; } = [];

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

    /// <summary>Raised once the disks are read and a choice can be made, so the dialog enables its Start.</summary>
    [Parameter]
    public EventCallback Ready { get; set; }

    /// <summary>Whether the disks are still being read: no choice can be made before they are.</summary>
    public bool Loading => _loading;

    [Inject]
    private IProvisioningGateway Provisioning { get; set; } = default!;

    [Inject]
    private IMigrationSettingsGateway Settings { get; set; } = default!;

    [Inject]
    private IGuestPageGateway GuestDetails { get; set; } = default!;

    /// <summary>The chosen destination's display name.</summary>
    public string DestinationName => Destinations.FirstOrDefault(h => h.HostId == _destination)?.Name ?? _destination ?? "";

    /// <summary>Whether a disk is copied: the administrator's marking decides, not the user (MigrationDiskPlan).</summary>
    private bool Copy => _disks.Values.Any(disks => disks is not null && MigrationDiskPlan.NeedsCopy(disks));

    private List<string> Problems
    {
        get
        {
            var problems = new List<string>();
            foreach (var guest in Guests)
            {
                var disks = _disks.GetValueOrDefault(guest.Uuid);
                if (disks is null)
                {
                    problems.Add(ForGuest(guest, M["Migrate.DisksUnknown", ""]));
                }
                else if (disks.FirstOrDefault(d => d.Pool is null) is { } outside)
                {
                    problems.Add(ForGuest(guest, M["Migrate.DiskOutsidePool", outside.Target]));
                }
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

    /// <summary>The choice, or null when none can be made yet (its problems are shown from now on).</summary>
    public MigrationChoice? TryChoose()
    {
        if (_loading)
        {
            // The disks decide what is copied: no choice before they are read.
            return null;
        }

        _touched = true;
        StateHasChanged();
        return Problems.Count > 0 || _destination is null ? null : new MigrationChoice(_destination, _live, Copy, Copy ? _pool : null, _bandwidth);
    }

    protected override async Task OnInitializedAsync()
    {
        _live = LiveAllowed;
        await ReadDisksAsync();
        if (Destinations.Count > 0)
        {
            await DestinationChangedAsync(Destinations.FirstOrDefault(h => h.HostId == InitialDestination)?.HostId ?? Destinations[0].HostId);
        }

        _loading = false;
        await Ready.InvokeAsync();
    }

    /// <summary>Each guest's disks with the pools marked shared on its host; one unreadable guest is named, the others still shown.</summary>
    private async Task ReadDisksAsync()
    {
        var shared = new Dictionary<string, IReadOnlySet<string>>();
        foreach (var guest in Guests)
        {
            try
            {
                if (!shared.TryGetValue(guest.HostId, out var pools))
                {
                    pools = shared[guest.HostId] = await Settings.SharedPoolsAsync(guest.HostId);
                }

                var details = await GuestDetails.GetGuestDetailsAsync(guest.HostId, guest.Uuid);
                _disks[guest.Uuid] = details is null ? null : MigrationDiskPlan.For(details.Hardware.Disks, pools);
                if (details is null)
                {
                    _readErrors.Add(M["Migrate.DisksUnknown", guest.Name]);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _disks[guest.Uuid] = null;
                _readErrors.Add(ForGuest(guest, M["Migrate.DisksUnknown", ex is AgentCallException call ? AgentTexts.Describe(call.Failure) : ex.Message]));
            }
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

    /// <summary>A line about one guest: named when the form lists several.</summary>
    private string ForGuest(GuestInfo guest, string line) => Guests.Count == 1 ? line : M["Batch.GuestLine", guest.Name, line];
}
