using Microsoft.AspNetCore.Components;

namespace WebVirt.Web.Components.Guest;

/// <summary>
/// Marks a value that was saved to the persistent definition but not applied to the running guest:
/// <see cref="Value"/> is what it becomes at the next boot, "" for a change without one value
/// (a list), null for nothing pending.
/// </summary>
public partial class NextBootMarker
{
    [Parameter]
    public string? Value { get; set; }
}
