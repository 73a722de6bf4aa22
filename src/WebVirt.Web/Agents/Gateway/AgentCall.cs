using WebVirt.Contracts;

namespace WebVirt.Web.Agents.Gateway;

/// <summary>
/// What a gateway method gets to make its one hub call: the agent's hub (bound to the call's timeout),
/// and the caller's name for the fields that record who asked.
/// </summary>
public sealed record AgentCall(IAgentHub Hub, string UserName);
