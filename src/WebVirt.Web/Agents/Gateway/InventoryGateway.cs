using WebVirt.Contracts;
using WebVirt.Web.Security;

namespace WebVirt.Web.Agents.Gateway;

/// <inheritdoc />
public sealed class InventoryGateway(AgentCallPipeline pipeline, AgentConnections agents) : IInventoryGateway
{
    public async Task<IReadOnlyList<HostView>> GetHostsAsync()
    {
        var rights = await pipeline.EnsureAllowedAsync(Permission.ViewInventory, "hosts");
        return VisibleInventory.Of(agents.Snapshot, rights).Hosts;
    }

    public async Task<IReadOnlyList<GuestInfo>> GetGuestsAsync()
    {
        var rights = await pipeline.EnsureAllowedAsync(Permission.ViewInventory, "guests");
        return VisibleInventory.Of(agents.Snapshot, rights).Guests;
    }

    public async Task<GuestInfo?> FindGuestAsync(string hostId, string uuid)
    {
        var rights = await pipeline.EnsureAllowedAsync(Permission.ViewInventory, "guests");
        // A guest the user may not see is not found, the same as one that does not exist.
        return agents.FindGuest(hostId, uuid) is { } guest && VisibleInventory.Sees(rights, guest) ? guest : null;
    }

    public async Task<IReadOnlyList<AgentTaskInfo>> GetTasksAsync(CancellationToken cancellationToken = default)
    {
        var rights = await pipeline.EnsureAllowedAsync(Permission.ViewInventory, "tasks");
        await agents.LoadTasksAsync(cancellationToken);
        return VisibleInventory.Tasks(agents.Tasks, rights);
    }
}
