using WebVirt.Contracts;

namespace WebVirt.Agent.Hubs;

// PLACEHOLDER: replaced by the GuestPage feature.
internal sealed partial class AgentHub
{
    public Task<GuestDetails?> GetGuestDetails(string uuid) => throw new NotImplementedException("PLACEHOLDER-GuestPage");

    public Task<ActionResult> SetGuestNotes(string uuid, GuestNotes notes, string user) => throw new NotImplementedException("PLACEHOLDER-GuestPage");

    public Task<IReadOnlyList<GuestHistoryEntry>> GetGuestHistory(string uuid, int take) => throw new NotImplementedException("PLACEHOLDER-GuestPage");

    public Task<GuestXml?> GetGuestXml(string uuid) => throw new NotImplementedException("PLACEHOLDER-GuestPage");

    public Task<GuestXmlPreview> PreviewGuestXml(string uuid, string xml) => throw new NotImplementedException("PLACEHOLDER-GuestPage");

    public Task<ActionResult> SaveGuestXml(string uuid, string xml) => throw new NotImplementedException("PLACEHOLDER-GuestPage");
}
