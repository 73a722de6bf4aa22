using System.Security.Cryptography;
using WebVirt.Contracts;
using WebVirt.Web.Security;

namespace WebVirt.Web.Agents.Gateway;

/// <inheritdoc />
/// <remarks>
/// The console vouches for each side to the other: the destination learns a one-time token, the
/// source learns the destination's address, its certificate as pinned at enrolment and the same
/// token. Nothing else links the two hosts; the token never reaches a log or the audit record.
/// </remarks>
public sealed class MigrationGateway(AgentCallPipeline pipeline, AgentDirectory directory, AgentConnections agents, TimeProvider time) : IMigrationGateway
{
    public const string AuditMigrate = "migrate-guest";
    public const string AuditGrant = "grant-migration";
    public const string AuditCancel = "cancel-migration";

    /// <summary>How long a destination waits for the source to use its grant (the checks take seconds).</summary>
    private static readonly TimeSpan GrantValidity = TimeSpan.FromMinutes(10);

    public IReadOnlyList<HostView> Destinations(GuestInfo guest)
    {
        ArgumentNullException.ThrowIfNull(guest);
        return Destinations(guest.HostId);
    }

    public IReadOnlyList<HostView> Destinations(string sourceHostId) =>
        [.. agents.Hosts.Where(h => h.HostId != sourceHostId && h.Link == AgentLinkState.Connected && Pinned(h.HostId) is not null)];

    public async Task<ProvisioningResult> MigrateAsync(GuestInfo guest, MigrationChoice choice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(guest);
        ArgumentNullException.ThrowIfNull(choice);
        var destination = choice.DestinationHostId;
        if (destination == guest.HostId)
        {
            return ProvisioningResult.Fail(ErrorCodes.MigrationSameHost, destination);
        }

        if (Pinned(destination) is not { } target)
        {
            return ProvisioningResult.Fail(directory.Find(destination) is null ? ErrorCodes.UnknownHost : ErrorCodes.MigrationDestinationNotPinned, destination);
        }

        var grant = new IncomingMigrationGrant(
            Guid.NewGuid().ToString("N"), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), time.GetUtcNow() + GrantValidity);
        string? listenAddress = null;
        var granted = await pipeline.ChangeAsync(
            new AgentChange(destination, Permission.ManageHosts, AuditGrant, $"for {guest.Name} from {guest.HostId}", guest.Uuid, guest.Name),
            async call =>
            {
                var answer = await call.Hub.AllowIncomingMigration(grant);
                listenAddress = answer.ListenAddress;
                return answer.Ok ? ActionResult.Success : ActionResult.Fail(answer.Error ?? Failure.Of(ErrorCodes.Internal, "grant"));
            },
            cancellationToken);
        if (!granted.Ok || listenAddress is null)
        {
            return ProvisioningResult.From(granted);
        }

        var how = $"to {destination}, {(choice.Live ? "live" : "offline")}, {(choice.CopyStorage ? $"disks copied into {choice.DestinationPool}" : "shared storage")}"
            + (choice.BandwidthMiBps > 0 ? $", {choice.BandwidthMiBps} MiB/s" : "");
        return await pipeline.StartAsync(
            AgentChange.ForGuest(guest, Permission.ManageHosts, AuditMigrate, how),
            call => call.Hub.MigrateGuest(new MigrationRequest(
                guest.Uuid,
                new MigrationDestination(destination, target.Url, target.CertificateSha256, grant.GrantId, grant.Token, listenAddress),
                choice.Live,
                choice.CopyStorage,
                choice.CopyStorage ? choice.DestinationPool : null,
                choice.BandwidthMiBps,
                call.UserName)),
            cancellationToken);
    }

    public Task<ActionResult> CancelAsync(string hostId, string taskId, CancellationToken cancellationToken = default) =>
        pipeline.ChangeAsync(new AgentChange(hostId, Permission.ManageHosts, AuditCancel, taskId), call => call.Hub.RequestTaskCancel(taskId), cancellationToken);

    /// <summary>The host's agent settings when the console reaches it over https with a pinned certificate (what the source must check).</summary>
    private Configuration.AgentOptions? Pinned(string hostId) =>
        directory.Find(hostId) is { } agent
        && agent.CertificateSha256.Length == 64
        && Uri.TryCreate(agent.Url, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps
            ? agent
            : null;
}
