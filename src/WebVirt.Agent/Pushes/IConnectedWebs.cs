using WebVirt.Contracts;

namespace WebVirt.Agent.Pushes;

/// <summary>
/// The webs connected to this agent, for pushes from outside a hub call (inventory, tasks, usage).
/// It does not name the hub class: the hub uses those services, so they must not use the hub.
/// </summary>
public interface IConnectedWebs
{
    /// <summary>Every connected web: a push through it goes to all of them.</summary>
    IAgentClient All { get; }
}
