using WebVirt.Contracts;
using WebVirt.Web.Agents.Records;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Agents.Gateway;

/// <inheritdoc />
/// <remarks>Notes and state history are the web's own (<see cref="GuestNotesKeeper"/>); the rest is the agent's answer.</remarks>
public sealed class GuestPageGateway(AgentCallPipeline pipeline, GuestNotesKeeper keeper, AgentConnections agents, GuestTagIndex tags) : IGuestPageGateway
{
    public const string SetNotesAction = "set-guest-notes";
    public const string EditXmlAction = "edit-guest-xml";

    public async Task<GuestDetails?> GetGuestDetailsAsync(string hostId, string uuid, CancellationToken cancellationToken = default)
    {
        var details = await pipeline.ReadAsync(RightsTarget.Guest(hostId, uuid), Permission.ViewInventory, call => call.Hub.GetGuestDetails(uuid), cancellationToken);
        if (details is null)
        {
            return null;
        }

        var completed = await keeper.CompleteAsync(hostId, details, cancellationToken);
        if (completed is { NotesUnknown: false })
        {
            tags.Record(hostId, uuid, completed.Notes);
        }

        return completed;
    }

    public async Task<IReadOnlyList<GuestHistoryEntry>> GetGuestHistoryAsync(string hostId, string uuid, int take, CancellationToken cancellationToken = default)
    {
        await pipeline.EnsureAllowedAsync(RightsTarget.Guest(hostId, uuid), Permission.ViewInventory, "guest history");
        if (!agents.IsConfigured(hostId))
        {
            throw new AgentCallException(ActionResult.Fail(ErrorCodes.UnknownHost, hostId ?? ""));
        }

        try
        {
            return await keeper.HistoryAsync(hostId, uuid, take, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            throw new AgentCallException(ActionResult.Fail(ErrorCodes.Internal, "guest history"));
        }
    }

    public async Task<ActionResult> SetGuestNotesAsync(GuestInfo guest, GuestNotes notes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(guest);
        ArgumentNullException.ThrowIfNull(notes);
        var result = await pipeline.ChangeHereAsync(AgentChange.ForGuest(guest, Permission.EditGuest, SetNotesAction, $"tags: {string.Join(", ", notes.Tags)}"),
            user => keeper.SaveAsync(guest.HostId, guest.Uuid, notes, user, cancellationToken));
        if (result.Ok)
        {
            // Grants on a tag follow the guest's tags from now on.
            tags.Record(guest.HostId, guest.Uuid, notes);
        }

        return result;
    }

    public Task<GuestAgentReport?> GetGuestAgentInfoAsync(string hostId, string uuid, CancellationToken cancellationToken = default) =>
        pipeline.ReadAsync(RightsTarget.Guest(hostId, uuid), Permission.ViewInventory, call => call.Hub.GetGuestAgentInfo(uuid), cancellationToken);

    public Task<GuestXml?> GetGuestXmlAsync(string hostId, string uuid, CancellationToken cancellationToken = default) =>
        pipeline.ReadAsync(RightsTarget.Guest(hostId, uuid), Permission.ViewInventory, call => call.Hub.GetGuestXml(uuid), cancellationToken);

    public Task<GuestXmlPreview> PreviewGuestXmlAsync(string hostId, string uuid, string xml, CancellationToken cancellationToken = default) =>
        pipeline.ReadAsync(RightsTarget.Guest(hostId, uuid), Permission.ViewInventory, call => call.Hub.PreviewGuestXml(uuid, xml), cancellationToken);

    public Task<ActionResult> SaveGuestXmlAsync(GuestInfo guest, string xml, CancellationToken cancellationToken = default) =>
        pipeline.ChangeAsync(AgentChange.ForGuest(guest, Permission.EditGuestXml, EditXmlAction, "persistent XML"),
            call => call.Hub.SaveGuestXml(guest.Uuid, xml), cancellationToken);
}
