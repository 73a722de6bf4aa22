using WebVirt.Contracts;

namespace WebVirt.Web.Agents.Gateway;

/// <summary>A host's details and settings: <c>IAgentHub.Host</c> and the emulation switch.</summary>
public interface IHostGateway
{
    Task<HostDetails> GetHostDetailsAsync(string hostId, CancellationToken cancellationToken = default);

    Task<ActionResult> SetUseEmulationAsync(string hostId, bool useEmulation, CancellationToken cancellationToken = default);
}
