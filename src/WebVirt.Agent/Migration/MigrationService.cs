using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using WebVirt.Agent.Configuration;
using WebVirt.Agent.Inventory;
using WebVirt.Agent.Session;
using WebVirt.Agent.Tasks;
using WebVirt.Contracts;
using WebVirt.Domain.Validation;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Migration;

/// <summary>
/// Migrations to and from this host. As destination it holds the console's grants
/// (<see cref="IncomingMigrations"/>); as source it opens the tunnel to the destination agent,
/// checks that the destination can take the guest, and runs the migration as a task
/// (MigrationService.Run.cs). Refusals come back at once, before a task exists.
/// </summary>
internal sealed partial class MigrationService(
    LibvirtSession session,
    IncomingMigrations grants,
    TaskTracker tasks,
    InventoryService inventory,
    IOptions<AgentOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<MigrationService> logger)
{
    private static readonly TimeSpan ConnectLimit = TimeSpan.FromSeconds(60);
    private readonly List<Task> _running = [];

    public IncomingMigrationAnswer Allow(IncomingMigrationGrant grant)
    {
        if (LibvirtSocketPath.From(options.Value.LibvirtUri) is null)
        {
            return IncomingMigrationAnswer.Fail(ErrorCodes.MigrationRequestInvalid, "LibvirtUri");
        }

        if (grants.Allow(grant) is { } wrong)
        {
            return IncomingMigrationAnswer.Fail(ErrorCodes.MigrationRequestInvalid, wrong);
        }

        MigrationLog.GrantAccepted(logger, grant.GrantId, grant.ExpiresAt);
        return IncomingMigrationAnswer.Ready(options.Value.MigrationListenAddress);
    }

    public async Task<ProvisioningResult> StartAsync(MigrationRequest request, CancellationToken ct)
    {
        if (Invalid(request) is { } field)
        {
            return ProvisioningResult.Fail(ErrorCodes.MigrationRequestInvalid, field);
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var stateDirectory = Path.Combine(options.Value.StateDirectory, "migration");
        var opened = MigrationTunnel.Open(request.Destination, stateDirectory, logger);
        MigrationTunnel? tunnel = opened;
        LibvirtConnection? destination = null;
        var guestRead = false;
        try
        {
            // The guest is read here while the destination is asked over the network whether the grant is good.
            // The libvirt connection waits for that answer: once its control stream is open, the grant counts as used.
            var reading = session.RunAsync(c => MigrationSource.Read(c, request), ct);
            var grantCheck = opened.CheckGrantAsync(ct);
            await Task.WhenAll(reading, grantCheck).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

            // The source's answer first, as when the two were asked one after the other: a guest it cannot read or move.
            var (source, refusal) = await reading;
            guestRead = true;
            if (refusal is not null)
            {
                return ProvisioningResult.Fail(refusal);
            }

            if (await grantCheck is { } unreachable)
            {
                return ProvisioningResult.Fail(unreachable);
            }

            var readMs = watch.ElapsedMilliseconds;
            destination = await Task.Run(() => LibvirtConnection.Open(opened.ControlUri), ct).WaitAsync(ConnectLimit, ct);
            var connected = destination;
            var connectMs = watch.ElapsedMilliseconds;
            if (await Task.Run(() => source!.CheckDestination(connected, request), ct) is { } incompatible)
            {
                return ProvisioningResult.Fail(incompatible);
            }

            var checkedMs = watch.ElapsedMilliseconds;
            MigrationLog.Checked(logger, source!.Name, request.Destination.HostId, checkedMs, readMs, connectMs - readMs, checkedMs - connectMs);

            var task = await tasks.StartAsync("migrate", source!.Name, request.RequestedBy);
            await task.LogAsync(TaskText.Of(request.Live ? ErrorCodes.TaskMigrationStartingLive : ErrorCodes.TaskMigrationStartingOffline, source.Name, request.Destination.HostId), 1, targetUuid: request.Uuid);
            MigrationLog.Starting(logger, source.Name, request.Destination.HostId, request.Live, source.Disks.Count > 0, request.BandwidthMiBps);
            Track(RunAsync(task, request, source, new Link(opened, connected)));
            (tunnel, destination) = (null, null);
            return ProvisioningResult.Started(task.Id);
        }
        catch (Exception ex) when (guestRead && (ex is LibvirtException or TimeoutException))
        {
            return ProvisioningResult.Fail(ErrorCodes.MigrationDestinationUnreachable, request.Destination.HostId, ex.Message);
        }
        finally
        {
            if (destination is not null)
            {
                var unused = destination;
                await Task.Run(unused.Dispose, CancellationToken.None);
            }

            if (tunnel is not null)
            {
                await tunnel.DisposeAsync();
            }
        }
    }

    /// <summary>Waits for the running migrations (tests; a stopping agent aborts them first).</summary>
    public Task WhenIdleAsync()
    {
        lock (_running)
        {
            return Task.WhenAll(_running);
        }
    }

    private void Track(Task run)
    {
        lock (_running)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(run);
        }
    }

    private static string? Invalid(MigrationRequest request)
    {
        var d = request.Destination;
        if (!UuidRules.IsValid(request.Uuid))
        {
            return nameof(request.Uuid);
        }

        if (d is null || string.IsNullOrWhiteSpace(d.HostId))
        {
            return nameof(request.Destination);
        }

        if (!Uri.TryCreate(d.AgentUrl, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
        {
            return nameof(d.AgentUrl);
        }

        if (!Sha256Hex().IsMatch(d.CertificateSha256 ?? ""))
        {
            return nameof(d.CertificateSha256);
        }

        if (!Guid.TryParseExact(d.GrantId ?? "", "N", out _) || d.Token is not { Length: >= IncomingMigrations.MinimumTokenLength })
        {
            return nameof(d.Token);
        }

        if (!System.Net.IPAddress.TryParse(d.ListenAddress, out var listen) || !System.Net.IPAddress.IsLoopback(listen))
        {
            return nameof(d.ListenAddress);
        }

        if (request.BandwidthMiBps < 0)
        {
            return nameof(request.BandwidthMiBps);
        }

        return request.CopyStorage && string.IsNullOrWhiteSpace(request.DestinationPool) ? nameof(request.DestinationPool) : null;
    }

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex Sha256Hex();

    /// <summary>The tunnel and the libvirt connection through it, which the task owns and closes.</summary>
    private sealed record Link(MigrationTunnel Tunnel, LibvirtConnection Destination);
}
