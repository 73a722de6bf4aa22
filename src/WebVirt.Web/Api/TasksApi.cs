using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Resources;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Api;

/// <summary>/api/v1/tasks: the agents' long-running tasks (create, clone, delete, download) and their progress.</summary>
public static class TasksApi
{
    public static RouteGroupBuilder MapTasksApi(this RouteGroupBuilder api)
    {
        api.MapGet("/tasks", ListAsync).WithName("ListTasks").WithSummary("Lists the latest tasks, newest first, optionally of one host or in one state.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/tasks/{taskId}", GetAsync).WithName("ShowTask").WithSummary("One task's state, progress and log.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/tasks/{taskId}/cancel", CancelAsync).WithName("CancelTask")
            .WithSummary("Asks to stop a running task the agent can stop (a download, a migration): 202 with the task; 409 Api.TaskNotCancellable for any other.")
            .Produces<AgentTaskInfo>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    /// <summary>
    /// The answer to a call that started a task: 202 Accepted, Location the task's URL and the task
    /// as its agent stores it in the body; a refusal as problem details.
    /// </summary>
    public static async Task<Results<Accepted<AgentTaskInfo>, ProblemHttpResult>> StartedAsync(
        ProvisioningResult result, IInventoryGateway inventory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(inventory);
        if (!result.Ok || result.TaskId is not { } taskId)
        {
            return ApiProblems.From(result.AsAction());
        }

        // The agent stores a task before it answers, so it is there; the body is empty only if the agent went away since.
        var task = (await inventory.GetTasksAsync(cancellationToken)).FirstOrDefault(t => t.TaskId == taskId);
        return TypedResults.Accepted($"{ApiSetup.BasePath}/{ApiSetup.Version}/tasks/{Uri.EscapeDataString(taskId)}", task);
    }

    private static async Task<Results<Ok<IReadOnlyList<AgentTaskInfo>>, ProblemHttpResult>> ListAsync(
        IInventoryGateway inventory, Microsoft.Extensions.Localization.IStringLocalizer<Resources.ApiResource> texts,
        string? hostId = null, string? state = null, CancellationToken cancellationToken = default)
    {
        AgentTaskState? wanted = null;
        if (state is not null)
        {
            if (!Enum.TryParse<AgentTaskState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return ApiProblems.Of(StatusCodes.Status400BadRequest, ApiErrorCodes.FilterInvalid,
                    texts[ApiErrorCodes.FilterInvalid, nameof(state), state, string.Join(", ", Enum.GetNames<AgentTaskState>())]);
            }

            wanted = parsed;
        }

        var tasks = await inventory.GetTasksAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<AgentTaskInfo>>([.. tasks.Where(task => (hostId is null || task.HostId == hostId) && (wanted is null || task.State == wanted))]);
    }

    private static async Task<Results<Ok<AgentTaskInfo>, ProblemHttpResult>> GetAsync(string taskId, IInventoryGateway inventory, CancellationToken cancellationToken)
    {
        var task = (await inventory.GetTasksAsync(cancellationToken)).FirstOrDefault(t => t.TaskId == taskId);
        return task is null ? ApiProblems.From(ActionResult.Fail(ErrorCodes.TaskMissing, taskId)) : TypedResults.Ok(task);
    }

    /// <summary>
    /// Stops a running task its agent marked cancellable (a download: the agent deletes what it wrote
    /// and pushes the task as failed; a migration: the guest stays where it runs). Clones, creates and deletes run to their end: those answer 409
    /// with a stable code. The right is the one that starts a task of the kind, checked by the gateway.
    /// </summary>
    private static async Task<Results<Accepted<AgentTaskInfo>, ProblemHttpResult>> CancelAsync(
        string taskId, IInventoryGateway inventory, IProvisioningGateway provisioning, ICurrentUser currentUser, RightsEvaluator rights,
        IStringLocalizer<ApiResource> texts, CancellationToken cancellationToken)
    {
        var task = (await inventory.GetTasksAsync(cancellationToken)).FirstOrDefault(t => t.TaskId == taskId);
        if (task is null)
        {
            return ApiProblems.From(ActionResult.Fail(ErrorCodes.TaskMissing, taskId));
        }

        var user = await currentUser.GetAsync();
        // Checked before the task's state, so a user who may not stop it learns nothing more of it (the tasks panel's rule).
        if (!(await rights.ForAsync(user, cancellationToken)).AllowsStopping(task))
        {
            return ApiProblems.From(ActionResult.Fail(Failure.Of(ErrorCodes.Forbidden, user.Identity?.Name ?? "", ProvisioningGateway.AuditCancel).WithHint(HintKeys.Forbidden)));
        }

        var result = task is { State: AgentTaskState.Running, Cancellable: true } ? await provisioning.CancelTaskAsync(task, cancellationToken) : null;
        if (result is not { Ok: true })
        {
            // The agent's own refusal says the same: the task ended meanwhile or cannot be stopped.
            return result is null || result.Error?.Code == ErrorCodes.TaskNotCancellable
                ? ApiProblems.Of(StatusCodes.Status409Conflict, ApiErrorCodes.TaskNotCancellable, texts[ApiErrorCodes.TaskNotCancellable, task.TaskId, task.Kind])
                : ApiProblems.From(result);
        }

        var now = (await inventory.GetTasksAsync(cancellationToken)).FirstOrDefault(t => t.TaskId == taskId) ?? task;
        return TypedResults.Accepted($"{ApiSetup.BasePath}/{ApiSetup.Version}/tasks/{Uri.EscapeDataString(taskId)}", now);
    }
}
