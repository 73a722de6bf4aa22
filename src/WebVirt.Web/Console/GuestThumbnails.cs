using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Security;

namespace WebVirt.Web.Console;

/// <summary>
/// Fetches a guest's screenshot from its agent as a data: URL for an &lt;img&gt;. A thumbnail only
/// shows what the guest's screen already shows, so anyone who may see the inventory may see it.
/// </summary>
public static class GuestThumbnails
{
    /// <summary>A refresh that takes longer is dropped; the next one tries again.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>The PNG as a data: URL, or null when the user may not see it or there is none now.</summary>
    public static async Task<string?> FetchDataUrlAsync(AgentConnections agents, ClaimsPrincipal user, string hostId, string uuid, CancellationToken cancellationToken)
    {
        if (!Permissions.IsAllowed(user, Permission.ViewInventory))
        {
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var shot = await agents.QueryAsync<GuestScreenshot>(hostId, nameof(IAgentHub.GetScreenshot), [uuid], timeout.Token);
            return shot.Result.Ok && shot.Png is { Length: > 0 } png ? "data:image/png;base64," + Convert.ToBase64String(png) : null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or HubException or OperationCanceledException)
        {
            // An unknown or unreachable agent, or a slow one: the page keeps its last thumbnail.
            return null;
        }
    }
}
