using WebVirt.Agent.Guests;
using WebVirt.Contracts;

namespace WebVirt.Agent.Hubs;

/// <summary>The guest page's overview (<see cref="GuestPageService"/>) and raw XML (<see cref="GuestXmlService"/>), and the guest agent's answers (<see cref="GuestAgentService"/>).</summary>
internal sealed partial class AgentHub
{
    public Task<GuestDetails?> GetGuestDetails(string uuid) => Feature<GuestPageService>().GetDetailsAsync(uuid, Context.ConnectionAborted);

    public Task<GuestXml?> GetGuestXml(string uuid) => Feature<GuestXmlService>().GetAsync(uuid, Context.ConnectionAborted);

    public Task<GuestAgentReport?> GetGuestAgentInfo(string uuid) => Feature<GuestAgentService>().GetAsync(uuid, Context.ConnectionAborted);

    public Task<GuestXmlPreview> PreviewGuestXml(string uuid, string xml) => Feature<GuestXmlService>().PreviewAsync(uuid, xml, Context.ConnectionAborted);

    public Task<ActionResult> SaveGuestXml(string uuid, string xml) => Feature<GuestXmlService>().SaveAsync(uuid, xml, Context.ConnectionAborted);
}
