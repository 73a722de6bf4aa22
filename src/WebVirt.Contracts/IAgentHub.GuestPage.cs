namespace WebVirt.Contracts;

/// <summary>The guest page's overview and XML (notes and history are the console's own).</summary>
public partial interface IAgentHub
{
    /// <summary>null when the host has no guest with that UUID.</summary>
    Task<GuestDetails?> GetGuestDetails(string uuid);

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
