using WebVirt.Contracts;
using WebVirt.Web.Security;

namespace WebVirt.Web.Agents.Gateway;

/// <inheritdoc />
public sealed class GuestPageGateway(AgentCallPipeline pipeline) : IGuestPageGateway
{
    public const string SetNotesAction = "set-guest-notes";
    public const string EditXmlAction = "edit-guest-xml";

    public Task<GuestDetails?> GetGuestDetailsAsync(string hostId, string uuid, CancellationToken cancellationToken = default) =>
        pipeline.ReadAsync(hostId, Permission.ViewInventory, call => call.Hub.GetGuestDetails(uuid), cancellationToken);

    public Task<IReadOnlyList<GuestHistoryEntry>> GetGuestHistoryAsync(string hostId, string uuid, int take, CancellationToken cancellationToken = default) =>
        pipeline.ReadAsync(hostId, Permission.ViewInventory, call => call.Hub.GetGuestHistory(uuid, take), cancellationToken);

    public Task<ActionResult> SetGuestNotesAsync(GuestInfo guest, GuestNotes notes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notes);
        return pipeline.ChangeAsync(AgentChange.ForGuest(guest, Permission.EditGuest, SetNotesAction, $"tags: {string.Join(", ", notes.Tags)}"),
            call => call.Hub.SetGuestNotes(guest.Uuid, notes, call.UserName), cancellationToken);
    }

    public Task<GuestAgentReport?> GetGuestAgentInfoAsync(string hostId, string uuid, CancellationToken cancellationToken = default) =>
        pipeline.ReadAsync(hostId, Permission.ViewInventory, call => call.Hub.GetGuestAgentInfo(uuid), cancellationToken);

    public Task<GuestXml?> GetGuestXmlAsync(string hostId, string uuid, CancellationToken cancellationToken = default) =>
        pipeline.ReadAsync(hostId, Permission.ViewInventory, call => call.Hub.GetGuestXml(uuid), cancellationToken);

    public Task<GuestXmlPreview> PreviewGuestXmlAsync(string hostId, string uuid, string xml, CancellationToken cancellationToken = default) =>
        pipeline.ReadAsync(hostId, Permission.ViewInventory, call => call.Hub.PreviewGuestXml(uuid, xml), cancellationToken);

    public Task<ActionResult> SaveGuestXmlAsync(GuestInfo guest, string xml, CancellationToken cancellationToken = default) =>
        pipeline.ChangeAsync(AgentChange.ForGuest(guest, Permission.EditGuestXml, EditXmlAction, "persistent XML"),
            call => call.Hub.SaveGuestXml(guest.Uuid, xml), cancellationToken);
}
