using System.Text.Json;
using System.Text.Json.Serialization;
using WebVirt.Contracts;
using WebVirt.Data;

namespace WebVirt.Web.Agents.Gateway;

/// <summary>A <see cref="MigrationBatch"/> as its database row and back: the choice and the guests' rows as JSON.</summary>
internal static class MigrationBatchRecords
{
    // Steps and states by name: a row stays readable when an enum gains a member.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static MigrationBatchRecord ToRecord(MigrationBatch batch) => new()
    {
        Id = batch.Id,
        StartedBy = batch.StartedBy,
        StartedById = batch.StartedById,
        StartedByTokenId = batch.StartedByTokenId,
        SourceHostId = batch.SourceHostId,
        DestinationHostId = batch.Choice.DestinationHostId,
        Choice = JsonSerializer.Serialize(batch.Choice, Json),
        // The task's progress is the agents' to push again; its outcome (the row's reason) is kept with the step.
        Guests = JsonSerializer.Serialize(batch.Entries.Select(entry => new StoredGuest(entry.Guest, entry.Step, entry.TaskId, entry.Refusal, entry.Task)).ToList(), Json),
        StartedAt = batch.StartedAt,
        EndedAt = batch.State == BatchState.Running ? null : batch.EndedAt,
        CancelledBy = batch.CancelledBy,
    };

    /// <summary>The batch of a row; a row the web cannot read throws <see cref="JsonException"/>.</summary>
    public static MigrationBatch FromRecord(MigrationBatchRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var choice = JsonSerializer.Deserialize<MigrationChoice>(record.Choice, Json) ?? throw new JsonException("no choice");
        var guests = JsonSerializer.Deserialize<List<StoredGuest>>(record.Guests, Json) ?? throw new JsonException("no guests");
        var entries = guests.Select(guest => new BatchEntry(guest.Guest, guest.Step, guest.TaskId, guest.Refusal, guest.Task));
        return new MigrationBatch(record.Id, record.StartedBy, record.SourceHostId, entries, choice, record.StartedAt, record.EndedAt, record.CancelledBy)
        {
            StartedById = record.StartedById,
            StartedByTokenId = record.StartedByTokenId,
        };
    }

    private sealed record StoredGuest(GuestInfo Guest, BatchStep Step, string? TaskId, ProvisioningResult? Refusal, AgentTaskInfo? Task);
}
