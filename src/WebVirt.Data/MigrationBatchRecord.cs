namespace WebVirt.Data;

/// <summary>
/// One batch of migrations (a bulk migrate or a host's evacuation) as the web last wrote it: who started it, the
/// choice and each guest's step, so a restart of the web takes up a batch that was running and lists the ended ones.
/// The choice and the guests are the web's JSON (<see cref="Choice"/>, <see cref="Guests"/>): the batch is always
/// read and written whole, and the web alone gives them meaning.
/// </summary>
public sealed class MigrationBatchRecord
{
    public const int IdMaxLength = 32;
    public const int UserMaxLength = 256;
    public const int UserIdMaxLength = 450;

    public string Id { get; set; } = "";

    /// <summary>The user's name, as shown and audited.</summary>
    public string StartedBy { get; set; } = "";

    /// <summary>The user's id, whose rights each guest still to start is checked against after a restart.</summary>
    public string? StartedById { get; set; }

    /// <summary>The API token the batch was started with, or null for a signed-in page: a revoked token starts nothing more.</summary>
    public Guid? StartedByTokenId { get; set; }

    /// <summary>The host being evacuated, or null for a bulk migrate.</summary>
    public string? SourceHostId { get; set; }

    public string DestinationHostId { get; set; } = "";

    /// <summary>The migration choice, as JSON.</summary>
    public string Choice { get; set; } = "{}";

    /// <summary>Each guest with its step, task and why it did not move, as a JSON array.</summary>
    public string Guests { get; set; } = "[]";

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>Null while the batch runs.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Who stopped the batch, when someone did.</summary>
    public string? CancelledBy { get; set; }
}
