using System.Security.Cryptography;
using WebVirt.Contracts;
using WebVirt.Data;
using WebVirt.Web.Security;

namespace WebVirt.Web.Agents.Gateway;

/// <inheritdoc />
/// <remarks>
/// The console vouches for each side to the other: the destination learns a one-time token, the
/// source learns the destination's address, its certificate as pinned at enrolment and the same
/// token. Nothing else links the two hosts; the token never reaches a log or the audit record.
/// </remarks>
public sealed partial class MigrationGateway(
    AgentCallPipeline pipeline, AgentDirectory directory, AgentConnections agents, MigrationSettingsStore settings, TimeProvider time, ILogger<MigrationGateway> logger)
    : IMigrationGateway
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
        // Checked here, before the destination is granted anything, for the dialog and the API alike (the source agent checks again).
        if (Invalid(choice) is { } field)
        {
            return ProvisioningResult.Fail(ErrorCodes.MigrationRequestInvalid, field);
        }

        var destination = choice.DestinationHostId;
        if (destination == guest.HostId)
        {
            return ProvisioningResult.Fail(ErrorCodes.MigrationSameHost, destination);
        }

        if (Pinned(destination) is not { } target)
        {
            return ProvisioningResult.Fail(directory.Find(destination) is null ? ErrorCodes.UnknownHost : ErrorCodes.MigrationDestinationNotPinned, destination);
        }

        var started = time.GetTimestamp();
        Asked(logger, guest.Name, guest.HostId, destination);
        var grant = new IncomingMigrationGrant(
            Guid.NewGuid().ToString("N"), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), time.GetUtcNow() + GrantValidity);
        string? listenAddress = null;
        // The administrator's word on shared storage and on where the destination takes the streams, read while the destination grants.
        var sharedRead = settings.SharedPoolsAsync(guest.HostId, cancellationToken);
        var addressRead = settings.MigrationAddressAsync(destination, cancellationToken);
        var granting = pipeline.ChangeAsync(
            new AgentChange(destination, Permission.ManageHosts, AuditGrant, $"for {guest.Name} from {guest.HostId}", guest.Uuid, guest.Name),
            async call =>
            {
                var answer = await call.Hub.AllowIncomingMigration(grant);
                listenAddress = answer.ListenAddress;
                return answer.Ok ? ActionResult.Success : ActionResult.Fail(answer.Error ?? Failure.Of(ErrorCodes.Internal, "grant"));
            },
            cancellationToken);
        var granted = await granting;
        if (!granted.Ok || listenAddress is null)
        {
            return ProvisioningResult.From(granted);
        }

        var shared = await sharedRead;
        var agentUrl = MigrationUrl(target.Url, await addressRead);
        Granted(logger, guest.Name, destination, (long)time.GetElapsedTime(started).TotalMilliseconds);
        var how = $"to {destination}, {(choice.Live ? "live" : "offline")}, {(choice.CopyStorage ? $"disks copied into {choice.DestinationPool}" : "shared storage")}"
            + (choice.BandwidthMiBps > 0 ? $", {choice.BandwidthMiBps} MiB/s" : "");
        var result = await pipeline.StartAsync(
            AgentChange.ForGuest(guest, Permission.ManageHosts, AuditMigrate, how),
            call => call.Hub.MigrateGuest(new MigrationRequest(
                guest.Uuid,
                new MigrationDestination(destination, agentUrl, target.CertificateSha256, grant.GrantId, grant.Token, listenAddress),
                choice.Live,
                choice.CopyStorage,
                choice.CopyStorage ? choice.DestinationPool : null,
                choice.BandwidthMiBps,
                call.UserName,
                [.. shared.Order(StringComparer.Ordinal)])),
            cancellationToken);
        SourceAnswered(logger, guest.Name, destination, result.Ok, (long)time.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    public Task<ActionResult> CancelAsync(string hostId, string taskId, CancellationToken cancellationToken = default) =>
        pipeline.ChangeAsync(new AgentChange(hostId, Permission.ManageHosts, AuditCancel, taskId), call => call.Hub.RequestTaskCancel(taskId), cancellationToken);

    /// <summary>The destination agent's address with the host part replaced by its migration address, when one is set (same port, same pinned certificate).</summary>
    public static string MigrationUrl(string agentUrl, string? migrationAddress)
    {
        if (string.IsNullOrEmpty(migrationAddress))
        {
            return agentUrl;
        }

        var url = new UriBuilder(agentUrl) { Host = migrationAddress };
        return url.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    /// <summary>The field of <paramref name="choice"/> the agent would refuse, or null.</summary>
    private static string? Invalid(MigrationChoice choice) =>
        string.IsNullOrWhiteSpace(choice.DestinationHostId) ? nameof(MigrationChoice.DestinationHostId)
        : choice.BandwidthMiBps < 0 ? nameof(MigrationChoice.BandwidthMiBps)
        : choice.CopyStorage && string.IsNullOrWhiteSpace(choice.DestinationPool) ? nameof(MigrationChoice.DestinationPool)
        : null;

    /// <summary>The host's agent settings when the console reaches it over https with a pinned certificate (what the source must check).</summary>
    private Configuration.AgentOptions? Pinned(string hostId) =>
        directory.Find(hostId) is { } agent
        && agent.CertificateSha256.Length == 64
        && Uri.TryCreate(agent.Url, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps
            ? agent
            : null;

    // The phases of a migration the web sees, with their times, for bench/WebVirt.Bench's split of where a migration's time goes.
    [LoggerMessage(EventId = 3601, Level = LogLevel.Information, Message = "Migration of {Guest} from {Source} to {Destination} asked")]
    private static partial void Asked(ILogger logger, string guest, string source, string destination);

    [LoggerMessage(EventId = 3602, Level = LogLevel.Information, Message = "Migration of {Guest} to {Destination}: destination granted and settings read in {Milliseconds} ms")]
    private static partial void Granted(ILogger logger, string guest, string destination, long milliseconds);

    [LoggerMessage(EventId = 3603, Level = LogLevel.Information, Message = "Migration of {Guest} to {Destination}: the source answered (started {Ok}) {Milliseconds} ms after the ask")]
    private static partial void SourceAnswered(ILogger logger, string guest, string destination, bool ok, long milliseconds);
}
