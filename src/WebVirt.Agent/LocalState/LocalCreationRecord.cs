namespace WebVirt.Agent.LocalState;

/// <summary>How a guest was made on this host: the spec as the user gave it, who asked and when.</summary>
public sealed class LocalCreationRecord
{
    public string GuestUuid { get; set; } = "";

    public string GuestName { get; set; } = "";

    /// <summary>create or clone.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The request as JSON.</summary>
    public string SpecJson { get; set; } = "{}";

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public Guid? TaskId { get; set; }
}
