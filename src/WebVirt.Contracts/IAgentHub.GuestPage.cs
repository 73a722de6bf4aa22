namespace WebVirt.Contracts;

/// <summary>The guest page's overview, notes, history and XML.</summary>
public partial interface IAgentHub
{
    /// <summary>null when the host has no guest with that UUID.</summary>
    Task<GuestDetails?> GetGuestDetails(string uuid);

    /// <summary>Replaces the guest's description and tags; <paramref name="user"/> is recorded as the editor.</summary>
    Task<ActionResult> SetGuestNotes(string uuid, GuestNotes notes, string user);

    /// <summary>The guest's state history, newest first.</summary>
    Task<IReadOnlyList<GuestHistoryEntry>> GetGuestHistory(string uuid, int take);

    Task<GuestXml?> GetGuestXml(string uuid);

    /// <summary>What the QEMU guest agent in the guest reports, or why it does not; null when the host has no guest with that UUID.</summary>
    Task<GuestAgentReport?> GetGuestAgentInfo(string uuid);

    /// <summary>The diff and libvirt's verdict on an edited persistent XML; changes nothing.</summary>
    Task<GuestXmlPreview> PreviewGuestXml(string uuid, string xml);

    /// <summary>
    /// Defines the edited persistent XML with VIR_DOMAIN_DEFINE_VALIDATE. Refused when it renames the
    /// guest or changes its UUID, or when libvirt refuses it (its message returned, nothing changed).
    /// </summary>
    Task<ActionResult> SaveGuestXml(string uuid, string xml);
}
