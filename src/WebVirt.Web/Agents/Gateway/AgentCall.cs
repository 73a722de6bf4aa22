using WebVirt.Contracts;

namespace WebVirt.Web.Agents.Gateway;

/// <summary>
/// What a gateway method gets to make its one hub call: the agent's hub (bound to the call's timeout),
/// the caller's name for the fields that record who asked, and the language for the agent's messages.
/// </summary>
public sealed record AgentCall(IAgentHub Hub, string UserName, string Culture);
