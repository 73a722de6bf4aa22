using Microsoft.AspNetCore.Components;

namespace WebVirt.Web.Components.Shared;

/// <summary>
/// A usage graph drawn as plain SVG: lines over time with the value axis, the time span and, per
/// line, its latest value, minimum and maximum. No hover: everything a reader needs is printed.
/// </summary>
public partial class UsageChart
{
    private const double W = UsageChartGeometry.Width;
    private const double H = UsageChartGeometry.Height;

    private UsageScale? _scale;

    [Parameter, EditorRequired]
    public string Title { get; set; } = "";

    /// <summary>The graph's data-testid; its parts are named after it.</summary>
    [Parameter, EditorRequired]
    public string TestId { get; set; } = "";

    [Parameter]
    public UsageUnit Unit { get; set; }

    [Parameter]
    public IReadOnlyList<UsageLine> Lines { get; set; } = [];

    protected override void OnParametersSet() => _scale = UsageChartGeometry.ScaleOf(Lines, Unit);
}
