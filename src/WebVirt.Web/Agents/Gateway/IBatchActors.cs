using System.Security.Claims;

namespace WebVirt.Web.Agents.Gateway;

/// <summary>
/// Who a migration batch taken up after a restart acts as: the user who started it as they are now (their roles of
/// the moment; with the API token they used, while it still works), or null when they may no longer act.
/// </summary>
public interface IBatchActors
{
    Task<ClaimsPrincipal?> RestoreAsync(string? userId, Guid? tokenId, CancellationToken cancellationToken);
}
