using Microsoft.AspNetCore.Http.HttpResults;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;

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
        return api;
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
}
