using WebVirt.Contracts;

namespace WebVirt.Web.Tests.Infrastructure;

// PLACEHOLDER: replaced by the GuestPage feature.
public sealed partial class FakeAgentHub
{
    public Task<GuestDetails?> GetGuestDetails(string uuid) => throw new NotImplementedException("PLACEHOLDER-GuestPage");

    public Task<ActionResult> SetGuestNotes(string uuid, GuestNotes notes, string user) => throw new NotImplementedException("PLACEHOLDER-GuestPage");

    public Task<IReadOnlyList<GuestHistoryEntry>> GetGuestHistory(string uuid, int take) => throw new NotImplementedException("PLACEHOLDER-GuestPage");

    public Task<GuestXml?> GetGuestXml(string uuid) => throw new NotImplementedException("PLACEHOLDER-GuestPage");

    public Task<GuestXmlPreview> PreviewGuestXml(string uuid, string xml) => throw new NotImplementedException("PLACEHOLDER-GuestPage");

    public Task<ActionResult> SaveGuestXml(string uuid, string xml) => throw new NotImplementedException("PLACEHOLDER-GuestPage");
}
