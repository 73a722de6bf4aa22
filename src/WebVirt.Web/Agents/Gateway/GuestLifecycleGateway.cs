using WebVirt.Contracts;
using WebVirt.Web.Security;

namespace WebVirt.Web.Agents.Gateway;

/// <inheritdoc />
public sealed class GuestLifecycleGateway(AgentCallPipeline pipeline) : IGuestLifecycleGateway
{
    public Task<ActionResult> ActAsync(GuestInfo guest, GuestAction action, CancellationToken cancellationToken = default) =>
        pipeline.ChangeAsync(AgentChange.ForGuest(guest, Permissions.For(action), GuestActionGuide.Slug(action), ""),
            call => call.Hub.Act(guest.Uuid, action), cancellationToken);
}
