using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Configuration;
using WebVirt.Web.Data;
using WebVirt.Web.Security;

namespace WebVirt.Web.Services;

/// <summary>
/// Reads and changes a host's storage pools, volumes and networks for the current user: checks
/// <see cref="Permissions"/> before asking the agent and writes every change attempt, refused ones
/// too, to the audit log with the resource it targets.
/// </summary>
public sealed partial class HostResourceService(
    AuthenticationStateProvider authentication,
    AgentConnections agents,
    AuditLog audit,
    IOptions<WebVirtOptions> options,
    ILogger<HostResourceService> logger)
{
    /// <summary>The language the agent writes validation messages in: the user's UI culture.</summary>
    public static string Culture => CultureInfo.CurrentUICulture.Name;

    public async Task<T> QueryAsync<T>(string hostId, string method, params object?[] args)
    {
        var user = await CurrentUserAsync();
        if (!Permissions.IsAllowed(user, Permission.ViewInventory))
        {
            throw new UnauthorizedAccessException($"User '{user.Identity?.Name}' may not view host resources.");
        }

        using var timeout = new CancellationTokenSource(options.Value.ActionTimeout);
        return await agents.QueryAsync<T>(hostId, method, args, timeout.Token);
    }

    /// <summary>
    /// Calls a state-changing hub method. <paramref name="action"/> is the audit slug
    /// (create-storage-pool, ...), <paramref name="target"/> the pool, volume or network it acts on.
    /// </summary>
    public Task<ActionResult> ChangeAsync(
        string hostId, Permission permission, string action, string target, string method, params object?[] args) =>
        ChangeCoreAsync(hostId, null, permission, action, target, method, args);

    /// <summary>
    /// Calls a hub method that changes one guest (its hardware, notes, snapshots, XML); the audit
    /// entry names the guest, so the guest page's history can show who did what.
    /// </summary>
    public Task<ActionResult> ChangeGuestAsync(
        string hostId, GuestInfo guest, Permission permission, string action, string detail, string method, params object?[] args) =>
        ChangeCoreAsync(hostId, guest, permission, action, detail, method, args);

    private async Task<ActionResult> ChangeCoreAsync(
        string hostId, GuestInfo? guest, Permission permission, string action, string target, string method, object?[] args)
    {
        var user = await CurrentUserAsync();
        var userName = user.Identity?.Name ?? "(anonymous)";
        ActionResult result;
        if (!Permissions.IsAllowed(user, permission))
        {
            result = ActionResult.Fail(AgentErrorCodes.Forbidden, $"User '{userName}' may not {action}.", "Hint.Forbidden");
        }
        else
        {
            using var timeout = new CancellationTokenSource(options.Value.ActionTimeout);
            result = await agents.InvokeAsync(hostId, method, args, timeout.Token);
        }

        Changed(logger, userName, action, hostId, target, result.Ok, result.ErrorCode);
        await audit.WriteAsync(new AuditEntry
        {
            UserName = userName,
            Action = action,
            TargetHost = hostId,
            TargetGuestUuid = guest?.Uuid,
            TargetGuestName = guest?.Name,
            Result = result.Ok ? AuditEntry.ResultOk : AuditEntry.ResultError,
            Detail = result.Ok ? target : $"{target} {result.ErrorCode}: {result.Message}",
        });
        return result;
    }

    private async Task<ClaimsPrincipal> CurrentUserAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information,
        Message = "{UserName} asked {Action} on host {HostId} for {Target}: ok={Ok} {ErrorCode}")]
    private static partial void Changed(ILogger logger, string userName, string action, string hostId, string target, bool ok, string? errorCode);
}
