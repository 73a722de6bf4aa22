using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace WebVirt.Web.Components.Shared;

/// <summary>
/// A usage graph drawn by MudBlazor's time-series chart: lines over time on a value axis from 0
/// to a round maximum in the graph's unit and, per line, its latest value, minimum and maximum
/// printed below. No hover: everything a reader needs is printed.
/// </summary>
public partial class UsageChart
{
    /// <summary>Grid lines (and value labels) above 0: at a quarter, half, three quarters and the top.</summary>
    private const int ValueSteps = 4;

    /// <summary>
    /// The chart plots every value as its share of the axis maximum, in percent: its grid spacing is
    /// a whole number, which bytes (a 25 GiB step) would overflow, and the labels print the value back.
    /// </summary>
    private const double Scale = 100;

    /// <summary>Time labels along the bottom, start and end included.</summary>
    private const int TimeSteps = 4;

    private UsageScale? _scale;
    private List<ChartSeries<double>> _series = [];
    private TimeSeriesChartOptions _options = new();

    [Parameter, EditorRequired]
    public string Title { get; set; } = "";

    /// <summary>The graph's data-testid; its parts are named after it.</summary>
    [Parameter, EditorRequired]
    public string TestId { get; set; } = "";

    [Parameter]
    public UsageUnit Unit { get; set; }

    [Parameter]
    public IReadOnlyList<UsageLine> Lines { get; set; } = [];

    protected override void OnParametersSet()
    {
        _scale = UsageScales.ScaleOf(Lines, Unit);
        if (_scale is null)
        {
            return;
        }

        // Each run between pauses is a series of its own, in its line's colour, so the chart
        // leaves the pause empty; the chart's own legend is off as it would list every run.
        var colours = new List<string>();
        _series = [];
        foreach (var line in Lines)
        {
            foreach (var run in UsageScales.Runs(line.Points))
            {
                _series.Add(new ChartSeries<double>
                {
                    Name = line.Label,
                    Visible = true,
                    Data = run.Select(point => (point.At.ToLocalTime().DateTime, point.Value / _scale.Max * Scale)).ToList(),
                });
                colours.Add(line.Color);
            }
        }

        var span = _scale.To - _scale.From;
        var (unit, max) = (Unit, _scale.Max);
        _options = new TimeSeriesChartOptions
        {
            ShowLegend = false,
            ShowToolTips = false,
            ChartPalette = [.. colours],
            LineStrokeWidth = 2,
            YAxisRequireZeroPoint = true,
            YAxisSuggestedMax = Scale,
            YAxisTicks = (int)(Scale / ValueSteps),
            YAxisToStringFunc = share => UsageFormat.Value(share / Scale * max, unit, CultureInfo.CurrentCulture),
            TimeLabelFormat = UsageFormat.TimeFormat(span),
            TimeLabelSpacing = span > TimeSpan.Zero ? span / (TimeSteps - 1) : TimeSpan.FromMinutes(1),
        };
    }
}
