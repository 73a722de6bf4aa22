using WebVirt.Contracts;

namespace WebVirt.Web.Agents;

/// <summary>The agent's pushes as <see cref="IAgentClient"/>, which the hub proxy routes here by name.</summary>
internal sealed partial class AgentConnection
{
    Task IAgentClient.GuestChanged(GuestInfo guest) => Handled(() => OnGuestChanged(guest));

    Task IAgentClient.GuestRemoved(string hostId, string uuid) => Handled(() => OnGuestRemoved(hostId, uuid));

    Task IAgentClient.GuestEventOccurred(GuestEvent guestEvent) => Handled(() => OnGuestEvent(guestEvent));

    Task IAgentClient.HostChanged(HostInfo host) => Handled(() => OnHostChanged(host));

    Task IAgentClient.TaskChanged(AgentTaskInfo task) => Handled(() => OnTaskChanged(task));

    Task IAgentClient.UsageSampled(string hostId, HostUsageSample host, IReadOnlyList<GuestUsageSample> guests) =>
        Handled(() => OnUsageSampled(hostId, host, guests));

    private static Task Handled(Action handler)
    {
        handler();
        return Task.CompletedTask;
    }
}
