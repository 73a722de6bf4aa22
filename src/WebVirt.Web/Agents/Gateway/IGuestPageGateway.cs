using WebVirt.Contracts;

namespace WebVirt.Web.Agents.Gateway;

/// <summary>The guest page's reads, notes and XML: <c>IAgentHub.GuestPage</c>.</summary>
public interface IGuestPageGateway
{
    Task<GuestDetails?> GetGuestDetailsAsync(string hostId, string uuid, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<GuestHistoryEntry>> GetGuestHistoryAsync(string hostId, string uuid, int take, CancellationToken cancellationToken = default);

    Task<ActionResult> SetGuestNotesAsync(GuestInfo guest, GuestNotes notes, CancellationToken cancellationToken = default);

    /// <summary>What the QEMU guest agent in the guest reports, or why it does not; null when the host has no such guest.</summary>
    Task<GuestAgentReport?> GetGuestAgentInfoAsync(string hostId, string uuid, CancellationToken cancellationToken = default);

    Task<GuestXml?> GetGuestXmlAsync(string hostId, string uuid, CancellationToken cancellationToken = default);

    Task<GuestXmlPreview> PreviewGuestXmlAsync(string hostId, string uuid, string xml, CancellationToken cancellationToken = default);

    Task<ActionResult> SaveGuestXmlAsync(GuestInfo guest, string xml, CancellationToken cancellationToken = default);
}
