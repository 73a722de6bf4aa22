using Microsoft.AspNetCore.Components;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Formatting;

namespace WebVirt.Web.Components.Shared;

/// <summary>
/// Stopping a running task the agent can stop (a download, a migration): confirmed first, sent through the gateway,
/// which takes the right that starts such a task and audits the request; a refusal is shown on the task.
/// The agent pushes the task again once it has stopped.
/// </summary>
public partial class TasksPanel
{
    private readonly HashSet<string> _cancelling = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _cancelErrors = new(StringComparer.Ordinal);

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    private async Task CancelAsync(AgentTaskInfo task)
    {
        var kind = P[$"Tasks.Kind.{task.Kind}"];
        // What a cancel leaves behind depends on the kind: a migration leaves the guest where it was.
        var consequence = P[$"Tasks.CancelConfirm.{task.Kind}"] is { ResourceNotFound: false } specific ? specific : P["Tasks.CancelConfirm"];
        if (!await ConfirmDialog.AskAsync(Dialogs, P["Tasks.CancelTitle", kind, task.Target], consequence, P["Tasks.Cancel"]))
        {
            return;
        }

        _cancelling.Add(task.TaskId);
        _cancelErrors.Remove(task.TaskId);
        try
        {
            var result = await Provisioning.CancelTaskAsync(task);
            if (!result.Ok)
            {
                _cancelErrors[task.TaskId] = P["Tasks.CancelFailed", AgentTexts.Describe(result)];
            }
        }
        finally
        {
            _cancelling.Remove(task.TaskId);
        }
    }
}
