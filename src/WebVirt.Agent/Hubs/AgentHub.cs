using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using WebVirt.Agent.Guests;
using WebVirt.Agent.Inventory;
using WebVirt.Agent.Security;
using WebVirt.Contracts;

namespace WebVirt.Agent.Hubs;

/// <summary>
/// The agent's command surface for consoles. Every caller must hold the agent's token. Each feature
/// adds its methods in a partial file of its own (AgentHub.&lt;Feature&gt;.cs, with the matching part of
/// <see cref="IAgentHub"/> in the contracts) and takes its services from <c>services</c>, so
/// features do not share one constructor.
/// </summary>
[Authorize(AuthenticationSchemes = AgentTokenAuthenticationHandler.SchemeName)]
internal sealed partial class AgentHub(InventoryService inventory, GuestActionRunner actions, IServiceProvider services) : Hub, IAgentHub
{
    /// <summary>
    /// Longest wait for a just-started agent's first inventory read before a console gets what is known:
    /// well within the console's own 30 s limit for its reads after a (re)connect.
    /// </summary>
    private static readonly TimeSpan FirstReadLimit = TimeSpan.FromSeconds(10);

    public async Task<HostInfo> GetHost()
    {
        await inventory.WhenFirstReadAsync(FirstReadLimit, Context.ConnectionAborted);
        return inventory.Host;
    }

    public async Task<IReadOnlyList<GuestInfo>> GetGuests()
    {
        await inventory.WhenFirstReadAsync(FirstReadLimit, Context.ConnectionAborted);
        return inventory.Guests;
    }

    public Task<ActionResult> Act(string uuid, GuestAction action) => actions.RunAsync(uuid, action, Context.ConnectionAborted);

    public async Task<ActionResult> SetUseEmulation(bool useEmulation)
    {
        await inventory.SetUseEmulationAsync(useEmulation, Context.ConnectionAborted);
        return ActionResult.Success;
    }

    /// <summary>A feature's service, for the methods in the feature's partial file.</summary>
    private T Feature<T>()
        where T : notnull => services.GetRequiredService<T>();
}
