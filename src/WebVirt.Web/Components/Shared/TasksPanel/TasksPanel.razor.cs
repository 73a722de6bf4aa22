using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Formatting;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Components.Shared;

/// <summary>
/// The hosts' long-running tasks (create, clone, delete) with progress and log, as the agents push
/// them; the console keeps the latest per agent, so the panel shows the same after leaving a page.
/// </summary>
public partial class TasksPanel
{
    private const int Shown = 10;
    private IReadOnlyList<AgentTaskInfo> _tasks = [];
    private readonly HashSet<string> _cleaning = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _cleanupErrors = new(StringComparer.Ordinal);
    private IDisposable? _subscription;
    private UserRights _rights = UserRights.None;

    [Inject]
    private AgentConnections Agents { get; set; } = default!;

    [Inject]
    private RightsEvaluator Rights { get; set; } = default!;

    [Inject]
    private IProvisioningGateway Provisioning { get; set; } = default!;

    [Parameter]
    public string? Class { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    public void Dispose()
    {
        _subscription?.Dispose();
        GC.SuppressFinalize(this);
    }

    protected override async Task OnInitializedAsync()
    {
        _rights = AuthenticationState is null ? UserRights.None : await Rights.ForAsync((await AuthenticationState).User);
        // Tasks, their hosts' links and guests' states are state changes; usage figures (every running guest's
        // CPU % on every poll, thousands a second at scale) change nothing here and must not queue a render each.
        _subscription = Agents.Subscribe(change =>
        {
            if (change == InventoryChange.State)
            {
                _ = InvokeAsync(() =>
                {
                    _tasks = Take();
                    StateHasChanged();
                });
            }
        });
        // The console's list is current without asking the agents: read when each connects, then kept by their
        // pushes. A read per panel would also count as a state change of every agent, rendering every open page.
        _tasks = Take();
    }

    /// <summary>The clean-up action: the agent removes what it safely can and pushes the task again.</summary>
    private async Task CleanUpAsync(AgentTaskInfo task)
    {
        _cleaning.Add(task.TaskId);
        _cleanupErrors.Remove(task.TaskId);
        try
        {
            var result = await Provisioning.CleanUpTaskAsync(task.HostId, task.TaskId);
            if (!result.Ok)
            {
                _cleanupErrors[task.TaskId] = P["Tasks.CleanUpFailed", AgentTexts.Describe(result)];
            }
        }
        finally
        {
            _cleaning.Remove(task.TaskId);
        }
    }

    /// <summary>Clean-up deletes what a task left behind, so it takes the right to create guests on its host, as the gateway checks it.</summary>
    private bool MayCleanUp(AgentTaskInfo task) => _rights.MayOnHost(Permission.CreateGuest, task.HostId);

    // Tasks of guests the user may not see never reach this circuit.
    private IReadOnlyList<AgentTaskInfo> Take() => [.. Agents.Tasks.Where(task => VisibleInventory.Sees(_rights, task)).Take(Shown)];

    private static Color StateColor(AgentTaskState state) => state switch
    {
        AgentTaskState.Succeeded => Color.Success,
        AgentTaskState.Failed => Color.Error,
        AgentTaskState.Interrupted => Color.Warning,
        AgentTaskState.Cancelled => Color.Default,
        _ => Color.Info,
    };
}
