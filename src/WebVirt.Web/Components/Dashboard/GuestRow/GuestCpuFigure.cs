using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace WebVirt.Web.Components.Dashboard;

/// <summary>A guest's CPU %, the one cell of its row that changes on every poll, rendered on its own (<see cref="GuestRow"/>).</summary>
public sealed class GuestCpuFigure : ComponentBase
{
    [Parameter]
    public double? Percent { get; set; }

    /// <summary>A new figure while the row itself does not render.</summary>
    public void Show(double? percent)
    {
        if (percent != Percent)
        {
            Percent = percent;
            StateHasChanged();
        }
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder) =>
        builder.AddContent(0, Percent is { } percent ? percent.ToString("0.0", CultureInfo.CurrentCulture) + " %" : "–");
}
