using Microsoft.AspNetCore.SignalR;
using WebVirt.Contracts;

namespace WebVirt.Agent.Hubs;

/// <summary>
/// <see cref="IAgentClient"/> written out over SignalR's untyped client proxy. A strongly typed hub
/// (<c>Hub&lt;IAgentClient&gt;</c>) builds this class at run time with Reflection.Emit, which a
/// Native AOT agent does not have; each method sends under its own name, as the typed hub did, and
/// a method added to the interface does not compile until it is added here.
/// </summary>
internal sealed class AgentClientProxy(IClientProxy clients) : IAgentClient
{
    public Task TaskChanged(AgentTaskInfo task) => clients.SendAsync(nameof(TaskChanged), task);

    public Task UsageSampled(string hostId, HostUsageSample host, IReadOnlyList<GuestUsageSample> guests) =>
        clients.SendAsync(nameof(UsageSampled), hostId, host, guests);

    public Task GuestChanged(GuestInfo guest) => clients.SendAsync(nameof(GuestChanged), guest);

    public Task GuestRemoved(string hostId, string uuid) => clients.SendAsync(nameof(GuestRemoved), hostId, uuid);

    public Task GuestEventOccurred(GuestEvent guestEvent) => clients.SendAsync(nameof(GuestEventOccurred), guestEvent);

    public Task HostChanged(HostInfo host) => clients.SendAsync(nameof(HostChanged), host);
}
