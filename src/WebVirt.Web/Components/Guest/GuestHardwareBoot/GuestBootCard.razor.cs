using Microsoft.AspNetCore.Components;
using WebVirt.Contracts;
using WebVirt.Web.Formatting;

namespace WebVirt.Web.Components.Guest;

/// <summary>
/// Boot devices in order with the ones the firmware skips unticked, and the boot menu. It edits the
/// persistent definition (boot order only matters at a boot), so it starts from <see cref="GuestDetails.NextBoot"/> when one is pending.
/// </summary>
public partial class GuestBootCard
{
    private static readonly string[] Devices = ["hd", "cdrom", "network"];

    private List<BootItem> _items = [];
    private bool _bootMenu;
    private GuestHardware? _source;
    private string? _error;
    private bool _busy;

    [Parameter, EditorRequired]
    public GuestDetails Details { get; set; } = default!;

    [Parameter]
    public bool CanEdit { get; set; }

    [Parameter, EditorRequired]
    public Func<HardwareChange, Task<ActionResult>> Apply { get; set; } = default!;

    protected override void OnParametersSet()
    {
        var next = Details.NextBoot ?? Details.Hardware;
        if (ReferenceEquals(next, _source))
        {
            return;
        }

        // New details (after a save or a reload) replace what was being arranged.
        _source = next;
        _items = [.. next.BootOrder.Where(d => Devices.Contains(d)).Distinct().Select(d => new BootItem(d, true))];
        _items.AddRange(Devices.Where(d => !next.BootOrder.Contains(d)).Select(d => new BootItem(d, false)));
        _bootMenu = next.BootMenu;
        _error = null;
    }

    private void Enable(int index, bool enabled) => _items[index] = _items[index] with { Enabled = enabled };

    private void Move(int index, int by)
    {
        var other = index + by;
        (_items[index], _items[other]) = (_items[other], _items[index]);
    }

    private async Task SaveAsync()
    {
        var devices = _items.Where(i => i.Enabled).Select(i => i.Device).ToList();
        var boot = new GuestBootChange(devices, _bootMenu);
        _busy = true;
        try
        {
            var result = await Apply(new HardwareChange(S["Boot.What"], (gateway, guest) => gateway.SetBootOrderAsync(guest, boot)));
            _error = result.Ok ? null : AgentTexts.Describe(result);
        }
        finally
        {
            _busy = false;
        }
    }

    private sealed record BootItem(string Device, bool Enabled);
}
