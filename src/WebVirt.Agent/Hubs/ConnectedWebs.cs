using Microsoft.AspNetCore.SignalR;
using WebVirt.Agent.Pushes;
using WebVirt.Contracts;

namespace WebVirt.Agent.Hubs;

/// <summary>The clients of <see cref="AgentHub"/>, for the services below it.</summary>
internal sealed class ConnectedWebs(IHubContext<AgentHub> context) : IConnectedWebs
{
    public IAgentClient All { get; } = new AgentClientProxy(context.Clients.All);
}
