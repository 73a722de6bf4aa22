using WebVirt.Contracts;
using WebVirt.Data;
using WebVirt.Domain.Validation;
using WebVirt.Web.Security;

namespace WebVirt.Web.Agents.Gateway;

/// <inheritdoc />
/// <remarks>Changes are checked (manage hosts) and audited like changes through an agent; the agents learn them with each migration.</remarks>
public sealed class MigrationSettingsGateway(AgentCallPipeline pipeline, MigrationSettingsStore store) : IMigrationSettingsGateway
{
    public const string AuditPoolShared = "mark-pool-shared";
    public const string AuditMigrationAddress = "set-migration-address";

    public Task<IReadOnlySet<string>> SharedPoolsAsync(string hostId, CancellationToken cancellationToken = default) =>
        store.SharedPoolsAsync(hostId, cancellationToken);

    public Task<ActionResult> SetPoolSharedAsync(string hostId, string poolName, bool shared, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(poolName);
        var change = new AgentChange(hostId, Permission.ManageHosts, AuditPoolShared, $"{poolName}: {(shared ? "shared between hosts" : "not shared")}");
        return pipeline.ChangeHereAsync(change, user => KeepAsync(hostId, () => store.SetPoolSharedAsync(hostId, poolName, shared, user, cancellationToken)));
    }

    public Task<string?> MigrationAddressAsync(string hostId, CancellationToken cancellationToken = default) =>
        store.MigrationAddressAsync(hostId, cancellationToken);

    public Task<ActionResult> SetMigrationAddressAsync(string hostId, string? address, CancellationToken cancellationToken = default)
    {
        var wanted = string.IsNullOrWhiteSpace(address) ? null : address.Trim();
        var change = new AgentChange(hostId, Permission.ManageHosts, AuditMigrationAddress, wanted ?? "default (the agent's address)");
        return pipeline.ChangeHereAsync(change, user =>
            wanted is not null && (wanted.Length > HostRecord.MigrationAddressMaxLength || !HostNameRules.IsValidHost(wanted))
                ? Task.FromResult(ActionResult.Fail(ErrorCodes.MigrationAddressInvalid, wanted.Length > 80 ? wanted[..80] + "…" : wanted))
                : KeepAsync(hostId, () => store.SetMigrationAddressAsync(hostId, wanted, cancellationToken)));
    }

    private static async Task<ActionResult> KeepAsync(string hostId, Func<Task> write)
    {
        try
        {
            await write();
            return ActionResult.Success;
        }
        catch (InvalidOperationException)
        {
            // The host never registered with the console (the store's foreign key).
            return ActionResult.Fail(ErrorCodes.UnknownHost, hostId);
        }
    }
}
