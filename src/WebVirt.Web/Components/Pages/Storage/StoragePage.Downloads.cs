using WebVirt.Contracts;

namespace WebVirt.Web.Components.Pages;

/// <summary>
/// Image downloads run as agent tasks and may finish after their dialog was closed: the page follows
/// the task pushes and reads the volumes again when a download on its host has finished, so the new
/// volume shows without opening the pool again.
/// </summary>
public partial class StoragePage : IDisposable
{
    // The agent's task kind for "Download image"; a task of that kind that succeeded made a volume.
    private const string DownloadKind = "download";

    private readonly HashSet<string> _finishedDownloads = new(StringComparer.Ordinal);
    private IDisposable? _tasks;

    protected override async Task OnInitializedAsync()
    {
        // Downloads that had finished before the page opened are in the first read already.
        _finishedDownloads.UnionWith(FinishedDownloads().Select(t => t.TaskId));
        _tasks = Agents.Subscribe(() => _ = InvokeAsync(ReloadAfterDownloadAsync));
        await base.OnInitializedAsync();
    }

    public void Dispose()
    {
        _tasks?.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task ReloadAfterDownloadAsync()
    {
        var finished = FinishedDownloads().Where(t => _finishedDownloads.Add(t.TaskId)).ToList();
        if (_pool is not null && finished.Exists(t => t.HostId == HostId))
        {
            await LoadAsync();
            StateHasChanged();
        }
    }

    private IEnumerable<AgentTaskInfo> FinishedDownloads() =>
        Agents.Tasks.Where(t => t.Kind == DownloadKind && t.State == AgentTaskState.Succeeded);
}
