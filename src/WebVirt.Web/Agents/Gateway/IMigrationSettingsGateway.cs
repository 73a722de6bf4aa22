using WebVirt.Contracts;

namespace WebVirt.Web.Agents.Gateway;

/// <summary>
/// What an administrator tells the console for migrations, kept by the web (agents have no database):
/// the storage pools shared between hosts, and each host's migration address.
/// </summary>
public interface IMigrationSettingsGateway
{
    /// <summary>The names of the host's pools marked shared between hosts.</summary>
    Task<IReadOnlySet<string>> SharedPoolsAsync(string hostId, CancellationToken cancellationToken = default);

    /// <summary>Marks or unmarks a pool as shared between hosts (administrators: manage hosts).</summary>
    Task<ActionResult> SetPoolSharedAsync(string hostId, string poolName, bool shared, CancellationToken cancellationToken = default);

    /// <summary>The address other hosts' agents send this host's migration streams to; null for the address the console reaches its agent at.</summary>
    Task<string?> MigrationAddressAsync(string hostId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets the host's migration address (an IP address or a host name; empty for the default).
    /// Anything else is refused with <see cref="ErrorCodes.MigrationAddressInvalid"/> and nothing changes.
    /// </summary>
    Task<ActionResult> SetMigrationAddressAsync(string hostId, string? address, CancellationToken cancellationToken = default);
}
