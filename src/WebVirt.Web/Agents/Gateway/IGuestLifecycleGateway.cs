using WebVirt.Contracts;

namespace WebVirt.Web.Agents.Gateway;

/// <summary>A guest's lifecycle actions (start, shutdown, autostart, ...): <c>IAgentHub.Act</c>.</summary>
public interface IGuestLifecycleGateway
{
    Task<ActionResult> ActAsync(GuestInfo guest, GuestAction action, CancellationToken cancellationToken = default);
}
