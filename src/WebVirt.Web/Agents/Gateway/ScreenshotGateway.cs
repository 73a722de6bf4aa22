using WebVirt.Contracts;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Agents.Gateway;

/// <summary>
/// A thumbnail only shows what the guest's screen already shows, so anyone who may see the inventory
/// may see it. A missing one is not an error to show: the browser simply asks again at the next refresh.
/// </summary>
public sealed class ScreenshotGateway(AgentCallPipeline pipeline) : IScreenshotGateway
{
    /// <summary>A refresh that takes longer is dropped; the next one tries again.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<byte[]?> GetThumbnailPngAsync(string hostId, string uuid, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var shot = await pipeline.ReadAsync(RightsTarget.Guest(hostId, uuid), Permission.ViewInventory, call => call.Hub.GetScreenshot(uuid), timeout.Token);
            return shot.Result.Ok && shot.Png is { Length: > 0 } png ? png : null;
        }
        catch (AgentCallException ex) when (ex.ErrorCode != ErrorCodes.Forbidden)
        {
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
