namespace WebVirt.Data;

/// <summary>A long-running piece of work on a host (create, clone, delete a guest) and how it went.</summary>
public sealed class AgentTaskRecord
{
    public const int KindMaxLength = 32;
    public const int TargetMaxLength = 128;
    public const int UserMaxLength = 256;
    public const int StateMaxLength = 16;

    public Guid Id { get; set; }

    public string HostId { get; set; } = "";

    public string Kind { get; set; } = "";

    /// <summary>The guest's name.</summary>
    public string Target { get; set; } = "";

    public string? TargetUuid { get; set; }

    /// <summary>Running, Succeeded, Failed, Interrupted or Cancelled.</summary>
    public string State { get; set; } = "";

    public int Percent { get; set; }

    public long Bytes { get; set; }

    /// <summary>
    /// The task's log, one entry a line: a JSON object with the line's time, code and arguments (the
    /// agent's StoredTaskTexts); a line that is not one was written in words by an older agent.
    /// </summary>
    public List<string> Log { get; set; } = [];

    public string User { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Why it failed, stored like a line of <see cref="Log"/> (without a time), or null.</summary>
    public string? Error { get; set; }

    /// <summary>
    /// What the task has made and not yet handed over or removed ("volume:POOL/NAME", "guest:UUID"),
    /// written before each is made, so a restart after the agent died knows what to clean up.
    /// </summary>
    public List<string> Leftovers { get; set; } = [];
}
