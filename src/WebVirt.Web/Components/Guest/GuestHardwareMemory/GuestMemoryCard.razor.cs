using Microsoft.AspNetCore.Components;
using WebVirt.Contracts;
using WebVirt.Web.Formatting;

namespace WebVirt.Web.Components.Guest;

/// <summary>Current (balloon) and maximum memory in MiB; the form starts from the persistent values.</summary>
public partial class GuestMemoryCard
{
    private bool _editing;
    private bool _busy;
    private string? _error;
    private long _currentMiB;
    private long _maximumMiB;

    [Parameter, EditorRequired]
    public GuestDetails Details { get; set; } = default!;

    [Parameter]
    public bool CanEdit { get; set; }

    [Parameter, EditorRequired]
    public Func<HardwareChange, Task<ActionResult>> Apply { get; set; } = default!;

    private GuestHardware Now => Details.Hardware;

    private void StartEdit()
    {
        var next = Details.NextBoot ?? Details.Hardware;
        _currentMiB = next.MemoryMiB;
        _maximumMiB = next.MaxMemoryMiB;
        _error = null;
        _editing = true;
    }

    private void Cancel()
    {
        _editing = false;
        _error = null;
    }

    private async Task SaveAsync()
    {
        var change = new GuestMemoryChange(_currentMiB, _maximumMiB);
        _busy = true;
        try
        {
            var result = await Apply(new HardwareChange(S["Memory.What"], (gateway, guest) => gateway.SetMemoryAsync(guest, change)));
            _error = result.Ok ? null : AgentTexts.Describe(result);
            _editing = !result.Ok;
        }
        finally
        {
            _busy = false;
        }
    }
}
