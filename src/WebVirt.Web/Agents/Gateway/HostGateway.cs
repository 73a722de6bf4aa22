using WebVirt.Contracts;
using WebVirt.Web.Security;

namespace WebVirt.Web.Agents.Gateway;

/// <inheritdoc />
public sealed class HostGateway(AgentCallPipeline pipeline, AgentConnections agents) : IHostGateway
{
    public const string SetUseEmulationAction = "set-use-emulation";

    public Task<HostDetails> GetHostDetailsAsync(string hostId, CancellationToken cancellationToken = default) =>
        pipeline.ReadAsync(hostId, Permission.ViewInventory, call => call.Hub.GetHostDetails(), cancellationToken);

    public async Task<ActionResult> SetUseEmulationAsync(string hostId, bool useEmulation, CancellationToken cancellationToken = default)
    {
        var result = await pipeline.ChangeAsync(new AgentChange(hostId, Permission.SetHostEmulation, SetUseEmulationAction, useEmulation ? "on" : "off"),
            call => call.Hub.SetUseEmulation(useEmulation), cancellationToken);
        if (result.Ok)
        {
            // The host card shows the switch from the host summary, which the agent does not push for this.
            await agents.RefreshHostAsync(hostId);
        }

        return result;
    }
}
