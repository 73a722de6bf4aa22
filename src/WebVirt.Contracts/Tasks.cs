namespace WebVirt.Contracts;

public enum AgentTaskState
{
    Running,
    Succeeded,
    Failed,

    /// <summary>The agent stopped while the task ran; the agent (or the console) closed it after a restart.</summary>
    Interrupted,

    /// <summary>A user cancelled the task and it stopped: what it made is rolled back, nothing failed.</summary>
    Cancelled,
}

/// <summary>
/// Long-running work on a host (create, clone, delete): pushed to every console on each change and
/// stored by the agent, so a page left and opened again shows where it stands.
/// </summary>
/// <param name="Kind">create, clone or delete.</param>
/// <param name="Target">The guest's name.</param>
/// <param name="Percent">0 to 100.</param>
/// <param name="Bytes">Bytes written so far (disk copies), 0 when not measured.</param>
/// <param name="TargetUuid">The guest's UUID once it is known.</param>
/// <param name="Log">What the task did, one coded line each; the console words them.</param>
/// <param name="Error">Which step failed and why, when <see cref="AgentTaskState.Failed"/> or <see cref="AgentTaskState.Interrupted"/>; what the cancel left as it was, when <see cref="AgentTaskState.Cancelled"/>; a code the console words.</param>
/// <param name="Cancellable">The running task can be asked to stop (<c>IAgentHub.RequestTaskCancel</c>).</param>
/// <param name="Leftovers">What an interrupted task made and could not remove safely ("volume:POOL/NAME", "guest:UUID"), for a clean-up action.</param>
/// <param name="Migration">A running migration's latest statistics; null for other tasks.</param>
public sealed record AgentTaskInfo(
    string TaskId,
    string HostId,
    string Kind,
    string Target,
    string? TargetUuid,
    AgentTaskState State,
    int Percent,
    long Bytes,
    IReadOnlyList<TaskLogEntry> Log,
    string User,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    TaskText? Error,
    IReadOnlyList<string>? Leftovers = null,
    bool Cancellable = false,
    MigrationProgress? Migration = null);
