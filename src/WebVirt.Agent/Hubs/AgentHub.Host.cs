using WebVirt.Agent.HostChecks;
using WebVirt.Contracts;

namespace WebVirt.Agent.Hubs;

/// <summary>The host page's details (<see cref="HostDetailsService"/>).</summary>
internal sealed partial class AgentHub
{
    public Task<HostDetails> GetHostDetails() => Feature<HostDetailsService>().GetAsync(Context.ConnectionAborted);
}
