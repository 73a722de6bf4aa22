using System.Globalization;
using WebVirt.Contracts;
using WebVirt.Data;
using WebVirt.Domain.GuestPage;

namespace WebVirt.Web.Agents.Records;

/// <summary>
/// The guest page's notes and "in this state since", which the web keeps (keyed by host id and
/// guest UUID) rather than asking the agent. A database that cannot answer leaves the notes marked
/// unknown rather than hiding what the agent reported.
/// </summary>
public sealed partial class GuestNotesKeeper(
    GuestNotesStore notes,
    InventoryStore history,
    InventoryRecorder recorder,
    AgentConnections agents,
    ILogger<GuestNotesKeeper> logger)
{
    public const int MaxHistory = 500;

    /// <summary>The agent's details with the notes and the state's start from the web's history.</summary>
    public async Task<GuestDetails> CompleteAsync(string hostId, GuestDetails details, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (!Guid.TryParse(details.Guest.Uuid, out var uuid))
        {
            return details;
        }

        try
        {
            var note = await notes.GetAsync(hostId, uuid, ct);
            var since = await StateSinceAsync(hostId, details.Guest.Uuid, details.Guest.State, ct);
            return details with
            {
                StateSince = since,
                Notes = note is null ? GuestNotes.Empty : new GuestNotes(note.Description, [.. note.Tags], note.UpdatedBy, note.UpdatedAt),
                NotesUnknown = false,
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.ReadFailed(logger, hostId, ex.Message);
            return details with { StateSince = null, Notes = GuestNotes.Empty, NotesUnknown = true };
        }
    }

    /// <summary>The guest's state history, newest first; empty for a malformed UUID.</summary>
    public async Task<IReadOnlyList<GuestHistoryEntry>> HistoryAsync(string hostId, string uuid, int take, CancellationToken ct)
    {
        if (!Guid.TryParse(uuid, out _))
        {
            return [];
        }

        var changes = await history.GetHistoryAsync(hostId, uuid, Math.Clamp(take, 1, MaxHistory), ct);
        return [.. changes.Select(c => new GuestHistoryEntry(c.At, c.FromState, c.ToState, c.Event, c.Reason))];
    }

    /// <summary>Replaces the guest's description and tags after checking them; <paramref name="user"/> is recorded as the editor.</summary>
    public async Task<ActionResult> SaveAsync(string hostId, string uuid, GuestNotes? given, string user, CancellationToken ct)
    {
        if (agents.FindGuest(hostId, uuid) is not { } guest || !Guid.TryParse(guest.Uuid, out var key))
        {
            return ActionResult.Fail(ErrorCodes.GuestMissing, uuid ?? "");
        }

        var validated = GuestNotesRules.Validate(given?.Description, given?.Tags);
        if (validated.Value is not { } valid)
        {
            return ActionResult.Refused([.. validated.Problems.Select(p =>
                new ProblemDto(p.Field, p.Key, [.. p.Args.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture) ?? "")]))]);
        }

        var editor = string.IsNullOrWhiteSpace(user) ? "unknown" : user.Trim();
        try
        {
            var saved = await notes.SaveAsync(hostId, key, valid.Description, valid.Tags, editor, ct);
            if (saved is null)
            {
                // A guest pushed moments ago may not be in the history yet: record the host's guests now.
                await recorder.SyncNowAsync(hostId, ct);
                saved = await notes.SaveAsync(hostId, key, valid.Description, valid.Tags, editor, ct);
            }

            return saved is null ? ActionResult.Fail(ErrorCodes.GuestNotRecorded, guest.Uuid) : ActionResult.Success;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.WriteFailed(logger, hostId, ex.Message);
            return ActionResult.Fail(ErrorCodes.Internal, "guest notes");
        }
    }

    /// <summary>When the guest entered its current state: the oldest of the newest run of entries that end in it.</summary>
    private async Task<DateTimeOffset?> StateSinceAsync(string hostId, string uuid, GuestState state, CancellationToken ct)
    {
        DateTimeOffset? since = null;
        foreach (var change in await history.GetHistoryAsync(hostId, uuid, 50, ct))
        {
            if (change.ToState != state)
            {
                break;
            }

            since = change.At;
            if (change.FromState is { } from && from != state)
            {
                break;
            }
        }

        return since;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1221, Level = LogLevel.Warning, Message = "Guest page of host {HostId}: could not read notes or history: {Error}")]
        public static partial void ReadFailed(ILogger logger, string hostId, string error);

        [LoggerMessage(EventId = 1222, Level = LogLevel.Warning, Message = "Guest notes on host {HostId} could not be saved: {Error}")]
        public static partial void WriteFailed(ILogger logger, string hostId, string error);
    }
}
