using Microsoft.AspNetCore.Components;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Agents.Gateway;

namespace WebVirt.Web.Components.Shared;

/// <summary>
/// What the guest and host usage panels share: the range choice, the live samples the agent pushes
/// (re-rendered at most four times a second) and the history read from the agent for the other ranges.
/// </summary>
public abstract class UsagePanelBase<TSample> : ComponentBase, IDisposable
{
    private static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(250);

    private RenderThrottle? _throttle;
    private string? _shownFor;
    private int _loadGeneration;

    [Parameter, EditorRequired]
    public string HostId { get; set; } = "";

    [Inject]
    protected AgentConnections Agents { get; set; } = default!;

    [Inject]
    protected IUsageGateway Usage { get; set; } = default!;

    [Inject]
    private CircuitConnection Connection { get; set; } = default!;

    protected UsageRange Range { get; private set; } = UsageRange.Live;

    protected IReadOnlyList<TSample> Samples { get; private set; } = [];

    protected string? Error { get; private set; }

    protected bool Loading { get; private set; }

    public void Dispose()
    {
        Agents.UsageSampled -= OnUsageSampled;
        _throttle?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>What identifies the shown series (host, guest); a change reloads it.</summary>
    protected abstract string SeriesKey { get; }

    protected abstract IReadOnlyList<TSample> LiveSamples();

    protected abstract Task<IReadOnlyList<TSample>> LoadHistoryAsync(UsageRange range);

    protected override void OnInitialized()
    {
        _throttle = new RenderThrottle(RenderInterval, () => InvokeAsync(() =>
        {
            if (Range == UsageRange.Live)
            {
                Samples = LiveSamples();
                StateHasChanged();
            }
        }), connection: Connection);
        Agents.UsageSampled += OnUsageSampled;
    }

    protected override Task OnParametersSetAsync()
    {
        if (_shownFor == SeriesKey)
        {
            return Task.CompletedTask;
        }

        _shownFor = SeriesKey;
        return SelectRangeAsync(Range);
    }

    protected async Task SelectRangeAsync(UsageRange range)
    {
        Range = range;
        Error = null;
        var generation = ++_loadGeneration;
        if (range == UsageRange.Live)
        {
            Loading = false;
            Samples = LiveSamples();
            return;
        }

        Loading = true;
        Samples = [];
        try
        {
            var samples = await LoadHistoryAsync(range);
            if (generation == _loadGeneration)
            {
                Samples = samples;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (generation == _loadGeneration)
            {
                Error = ex.Message;
            }
        }
        finally
        {
            if (generation == _loadGeneration)
            {
                Loading = false;
            }
        }
    }

    private void OnUsageSampled(string hostId)
    {
        if (hostId == HostId && Range == UsageRange.Live)
        {
            _throttle?.Request();
        }
    }
}
