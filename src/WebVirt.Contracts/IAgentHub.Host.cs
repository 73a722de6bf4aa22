namespace WebVirt.Contracts;

/// <summary>The host page's details of the agent's host.</summary>
public partial interface IAgentHub
{
    Task<HostDetails> GetHostDetails();
}
