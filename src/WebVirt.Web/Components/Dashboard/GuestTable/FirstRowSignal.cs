using Microsoft.AspNetCore.Components;

namespace WebVirt.Web.Components.Dashboard;

/// <summary>
/// Renders nothing; tells the table while its first rows render (Virtualize renders them only after the browser
/// measured the table), so the table renders its count in the same render batch: the browser shows the rows and
/// the count together. Told after the rows reached the browser instead, the count would wait one more round trip.
/// </summary>
public sealed class FirstRowSignal : ComponentBase
{
    [Parameter, EditorRequired]
    public EventCallback OnFirstRow { get; set; }

    // The callback renders the table; queued behind the rows being rendered, it lands in their batch.
    protected override void OnInitialized() => _ = OnFirstRow.InvokeAsync();
}
