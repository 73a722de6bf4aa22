namespace WebVirt.Contracts;

public enum AgentTaskState
{
    Running,
    Succeeded,
    Failed,
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
/// <param name="Error">Which step failed and why, when <see cref="AgentTaskState.Failed"/>.</param>
public sealed record AgentTaskInfo(
    string TaskId,
    string HostId,
    string Kind,
    string Target,
    string? TargetUuid,
    AgentTaskState State,
    int Percent,
    long Bytes,
    IReadOnlyList<string> Log,
    string User,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error);
