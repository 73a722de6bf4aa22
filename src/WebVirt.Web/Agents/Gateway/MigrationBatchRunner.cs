using WebVirt.Contracts;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Agents.Gateway;

/// <summary>
/// The server's <see cref="MigrationBatches"/> as the current user (a circuit's or an API request's) sees them: the
/// dashboard's bulk migrate, a host's evacuation and the REST API start, follow and cancel batches through it.
/// </summary>
/// <remarks>
/// A batch is shown to the user who started it and to whoever holds the right to move guests on its destination
/// host (the grant every one of its migrations needs), so a colleague can follow and stop an evacuation. Starting
/// needs no more than that: each guest is checked (and a refusal audited) on its own by the gateway.
/// </remarks>
public sealed class MigrationBatchRunner(MigrationBatches batches, IMigrationGateway gateway, AgentConnections agents, AgentCallPipeline pipeline, ICurrentUser currentUser, RightsEvaluator rights)
{
    public const string AuditCancelBatch = "cancel-migration-batch";

    public const int MaxConcurrent = MigrationBatches.MaxConcurrent;

    /// <summary>Starts moving <paramref name="guests"/> as the current user; the batch runs on when the caller goes away.</summary>
    /// <param name="sourceHostId">The host being evacuated, or null for a bulk migrate.</param>
    public async Task<MigrationBatch> StartAsync(IReadOnlyList<GuestInfo> guests, MigrationChoice choice, string? sourceHostId = null) =>
        batches.Start(await currentUser.GetAsync(), guests, choice, sourceHostId);

    /// <summary>
    /// Evacuates <paramref name="hostId"/>: its guests running now move to the choice's destination. Takes the right to
    /// move guests on the host itself (the hosts page's Evacuate button); null with the refusal otherwise.
    /// </summary>
    public async Task<(MigrationBatch? Batch, ActionResult Result)> EvacuateAsync(string hostId, MigrationChoice choice)
    {
        var user = await currentUser.GetAsync();
        if (!(await rights.ForAsync(user)).AllowsHost(Permission.ManageHosts, hostId))
        {
            return (null, ActionResult.Fail(Failure.Of(ErrorCodes.Forbidden, user.Identity?.Name ?? "", "evacuate-host").WithHint(HintKeys.Forbidden)));
        }

        return (batches.Start(user, RunningOn(hostId), choice, hostId), ActionResult.Success);
    }

    /// <summary>The batches the current user may follow, the newest first.</summary>
    public async Task<IReadOnlyList<MigrationBatch>> VisibleAsync()
    {
        var held = await rights.ForAsync(await currentUser.GetAsync());
        return [.. batches.All.Where(batch => MayFollow(held, batch))];
    }

    /// <summary>The batch, when it exists and the current user may follow it.</summary>
    public async Task<MigrationBatch?> FindAsync(string batchId) =>
        batches.Find(batchId) is { } batch && MayFollow(await rights.ForAsync(await currentUser.GetAsync()), batch) ? batch : null;

    /// <summary>
    /// Stops <paramref name="batch"/>: checked (the right to move guests on its destination) and audited, then no guest
    /// starts after it and each running migration is cancelled through the gateway, each cancel checked and audited too.
    /// </summary>
    public async Task<ActionResult> CancelAsync(MigrationBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var user = await currentUser.GetAsync();
        IReadOnlyList<ActionResult> cancels = [];
        var result = await pipeline.ChangeHereAsync(
            new AgentChange(batch.Choice.DestinationHostId, Permission.ManageHosts, AuditCancelBatch, $"batch {batch.Id}"),
            async _ =>
            {
                cancels = await batches.CancelAsync(batch, user);
                return ActionResult.Success;
            });
        return result.Ok ? cancels.FirstOrDefault(cancel => !cancel.Ok) ?? result : result;
    }

    /// <summary>The guests an evacuation of <paramref name="hostId"/> moves: those running (or paused) there now, by name.</summary>
    public IReadOnlyList<GuestInfo> RunningOn(string hostId) =>
        [.. agents.GuestsOf(hostId).Where(guest => guest.State is GuestState.Running or GuestState.Paused)
            .OrderBy(guest => guest.Name, StringComparer.CurrentCultureIgnoreCase)];

    /// <summary>The hosts the guests of <paramref name="hostId"/> may go to, the one with the most free memory first.</summary>
    public IReadOnlyList<HostView> DestinationsFrom(string hostId) =>
        [.. gateway.Destinations(hostId).OrderByDescending(host => host.Info?.MemoryFreeKiB ?? 0)];

    private static bool MayFollow(UserRights held, MigrationBatch batch) =>
        (batch.StartedBy.Length > 0 && string.Equals(batch.StartedBy, held.UserName, StringComparison.Ordinal))
        || held.AllowsHost(Permission.ManageHosts, batch.Choice.DestinationHostId);
}
