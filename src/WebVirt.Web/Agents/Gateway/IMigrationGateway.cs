using WebVirt.Contracts;

namespace WebVirt.Web.Agents.Gateway;

/// <summary>What the user chose in the migrate dialog.</summary>
/// <param name="BandwidthMiBps">0 for no limit.</param>
public sealed record MigrationChoice(string DestinationHostId, bool Live, bool CopyStorage, string? DestinationPool, int BandwidthMiBps);

/// <summary>Moving a guest to another host: <c>IAgentHub.Migration</c> on both agents.</summary>
public interface IMigrationGateway
{
    /// <summary>The hosts <paramref name="guest"/> may go to: connected, enrolled with a pinned certificate, not its own.</summary>
    IReadOnlyList<HostView> Destinations(GuestInfo guest);

    /// <summary>The hosts the guests of <paramref name="sourceHostId"/> may go to (an evacuation's choices).</summary>
    IReadOnlyList<HostView> Destinations(string sourceHostId);

    /// <summary>
    /// Grants the destination one migration, then has the source check the destination and start the
    /// migration task; a refusal (incompatible CPU, name taken...) comes back before any task exists.
    /// </summary>
    Task<ProvisioningResult> MigrateAsync(GuestInfo guest, MigrationChoice choice, CancellationToken cancellationToken = default);

    /// <summary>Asks the source to stop the migration; the guest stays where it runs.</summary>
    Task<ActionResult> CancelAsync(string hostId, string taskId, CancellationToken cancellationToken = default);
}
