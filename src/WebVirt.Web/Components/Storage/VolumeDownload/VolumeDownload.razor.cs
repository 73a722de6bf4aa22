using System.Globalization;
using Microsoft.AspNetCore.Components;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Formatting;

namespace WebVirt.Web.Components.Storage;

/// <summary>
/// "Download from URL into the pool": the agent fetches the file itself as a task; this panel
/// starts it and follows the task's progress from the agent's pushes until it ends.
/// </summary>
public sealed partial class VolumeDownload : IDisposable
{
    private string? _url;
    private string? _name;
    private string? _taskId;
    private bool _starting;
    private string? _message;
    private bool _ok;
    private IDisposable? _subscription;

    [Parameter]
    [EditorRequired]
    public string HostId { get; set; } = "";

    [Parameter]
    [EditorRequired]
    public string Pool { get; set; } = "";

    /// <summary>Raised after a download finished, so the page lists the new volume.</summary>
    [Parameter]
    public EventCallback Downloaded { get; set; }

    [Inject]
    private IStorageGateway Storage { get; set; } = default!;

    [Inject]
    private AgentConnections Agents { get; set; } = default!;

    private AgentTaskInfo? Task => _taskId is null ? null : Agents.Tasks.FirstOrDefault(t => t.TaskId == _taskId);

    private bool Running => Task is { State: AgentTaskState.Running };

    public void Dispose() => _subscription?.Dispose();

    protected override void OnInitialized() =>
        _subscription = Agents.Subscribe(() => _ = InvokeAsync(FollowTaskAsync));

    private async Task StartAsync()
    {
        _starting = true;
        _message = null;
        try
        {
            var request = new StorageVolumeDownloadRequest(Pool, _url?.Trim() ?? "", string.IsNullOrWhiteSpace(_name) ? null : _name.Trim(), "");
            var result = await Storage.DownloadVolumeAsync(HostId, request);
            if (result.Ok)
            {
                _taskId = result.TaskId;
            }
            else
            {
                _ok = false;
                _message = S["Download.Failed", AgentTexts.Describe(result)];
            }
        }
        finally
        {
            _starting = false;
        }
    }

    private async Task FollowTaskAsync()
    {
        if (Task is { State: not AgentTaskState.Running } finished)
        {
            _taskId = null;
            _ok = finished.State == AgentTaskState.Succeeded;
            // The task's error says "download failed" itself; this message says it once, with the cause.
            _message = _ok ? S["Download.Done", finished.Target] : S["Download.Failed", finished.Error switch
            {
                { Cause: { } cause } => AgentTexts.Format(cause),
                { } error => AgentTexts.Format(error),
                null => "",
            }];
            if (_ok)
            {
                _url = null;
                _name = null;
                await Downloaded.InvokeAsync();
            }
        }

        StateHasChanged();
    }

    private static string Bytes(long bytes) => Sizes.FromKiB(bytes / 1024, CultureInfo.CurrentCulture);
}
