using System.Globalization;
using WebVirt.Contracts;
using WebVirt.Data;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Agents.Gateway;

/// <inheritdoc />
/// <remarks>Read from the web's own history (<see cref="UsageStore"/>), which the agents' pushes fill: no call reaches an agent.</remarks>
public sealed partial class UsageGateway(AgentCallPipeline pipeline, AgentConnections agents, UsageStore store, ILogger<UsageGateway> logger) : IUsageGateway
{
    public async Task<GuestUsageSeries> GetGuestUsageAsync(string hostId, string uuid, UsageRange range, CancellationToken cancellationToken = default)
    {
        await pipeline.EnsureAllowedAsync(RightsTarget.Guest(hostId, uuid), Permission.ViewInventory, "usage");
        await EnsureReadableAsync(hostId, range);
        return await ReadAsync(hostId, () => store.GetGuestSeriesAsync(hostId, uuid ?? "", range, cancellationToken));
    }

    public async Task<HostUsageSeries> GetHostUsageAsync(string hostId, UsageRange range, CancellationToken cancellationToken = default)
    {
        await pipeline.EnsureAllowedAsync(RightsTarget.Host(hostId), Permission.ViewInventory, "usage");
        await EnsureReadableAsync(hostId, range);
        return await ReadAsync(hostId, () => store.GetHostSeriesAsync(hostId, range, cancellationToken));
    }

    private async Task EnsureReadableAsync(string hostId, UsageRange range)
    {
        await pipeline.EnsureAllowedAsync(Permission.ViewInventory, "usage");
        if (!agents.IsConfigured(hostId))
        {
            throw new AgentCallException(ActionResult.Fail(ErrorCodes.UnknownHost, hostId ?? ""));
        }

        if (!Enum.IsDefined(range))
        {
            throw new AgentCallException(ActionResult.Fail(ErrorCodes.UsageRangeUnknown, ((int)range).ToString(CultureInfo.InvariantCulture)));
        }
    }

    private async Task<T> ReadAsync<T>(string hostId, Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            ReadFailed(logger, hostId, ex);
            throw new AgentCallException(ActionResult.Fail(ErrorCodes.Internal, "usage history"));
        }
    }

    [LoggerMessage(EventId = 1204, Level = LogLevel.Warning, Message = "Usage history of host {HostId} could not be read")]
    private static partial void ReadFailed(ILogger logger, string hostId, Exception exception);
}
