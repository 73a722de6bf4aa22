using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using WebVirt.Agent.Guests;
using WebVirt.Agent.Inventory;
using WebVirt.Agent.Security;
using WebVirt.Contracts;

namespace WebVirt.Agent.Hubs;

/// <summary>The agent's command surface for consoles. Every caller must hold the agent's token.</summary>
[Authorize(AuthenticationSchemes = AgentTokenAuthenticationHandler.SchemeName)]
internal sealed class AgentHub(InventoryService inventory, GuestActionRunner actions) : Hub<IAgentClient>, IAgentHub
{
    public Task<HostInfo> GetHost() => Task.FromResult(inventory.Host);

    public Task<IReadOnlyList<GuestInfo>> GetGuests() => Task.FromResult(inventory.Guests);

    public Task<ActionResult> Act(string uuid, GuestAction action) => actions.RunAsync(uuid, action, Context.ConnectionAborted);

    public async Task<ActionResult> SetUseEmulation(bool useEmulation)
    {
        await inventory.SetUseEmulationAsync(useEmulation, Context.ConnectionAborted);
        return ActionResult.Success;
    }
}
