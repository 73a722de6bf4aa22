using WebVirt.Contracts;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Agents.Gateway;

/// <inheritdoc />
public sealed class GuestPageGateway(AgentCallPipeline pipeline, GuestTagIndex tags) : IGuestPageGateway
{
    public const string SetNotesAction = "set-guest-notes";
    public const string EditXmlAction = "edit-guest-xml";

    public async Task<GuestDetails?> GetGuestDetailsAsync(string hostId, string uuid, CancellationToken cancellationToken = default)
    {
        var details = await pipeline.ReadAsync(RightsTarget.Guest(hostId, uuid), Permission.ViewInventory, call => call.Hub.GetGuestDetails(uuid), cancellationToken);
        if (details is { NotesUnknown: false })
        {
            tags.Record(hostId, uuid, details.Notes);
        }

        return details;
    }

    public Task<IReadOnlyList<GuestHistoryEntry>> GetGuestHistoryAsync(string hostId, string uuid, int take, CancellationToken cancellationToken = default) =>
        pipeline.ReadAsync(RightsTarget.Guest(hostId, uuid), Permission.ViewInventory, call => call.Hub.GetGuestHistory(uuid, take), cancellationToken);

    public async Task<ActionResult> SetGuestNotesAsync(GuestInfo guest, GuestNotes notes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notes);
        var result = await pipeline.ChangeAsync(AgentChange.ForGuest(guest, Permission.EditGuest, SetNotesAction, $"tags: {string.Join(", ", notes.Tags)}"),
            call => call.Hub.SetGuestNotes(guest.Uuid, notes, call.UserName), cancellationToken);
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
