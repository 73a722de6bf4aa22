using WebVirt.Contracts;
using WebVirt.Web.Security;

namespace WebVirt.Web.Agents.Gateway;

/// <inheritdoc />
public sealed class InventoryGateway(AgentCallPipeline pipeline, AgentConnections agents) : IInventoryGateway
{
    public async Task<IReadOnlyList<HostView>> GetHostsAsync()
    {
        await pipeline.EnsureAllowedAsync(Permission.ViewInventory, "hosts");
        return agents.Hosts;
    }

    public async Task<IReadOnlyList<GuestInfo>> GetGuestsAsync()
    {
        await pipeline.EnsureAllowedAsync(Permission.ViewInventory, "guests");
        return agents.Guests;
    }

    public async Task<GuestInfo?> FindGuestAsync(string hostId, string uuid)
    {
        await pipeline.EnsureAllowedAsync(Permission.ViewInventory, "guests");
        return agents.FindGuest(hostId, uuid);
    }

    public async Task<IReadOnlyList<AgentTaskInfo>> GetTasksAsync(CancellationToken cancellationToken = default)
    {
        await pipeline.EnsureAllowedAsync(Permission.ViewInventory, "tasks");
        await agents.LoadTasksAsync(cancellationToken);
        return agents.Tasks;
    }
}
