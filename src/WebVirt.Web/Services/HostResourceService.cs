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

    /// <summary>
    /// Calls a hub method that starts a task on the host (a download into a pool), checked and
    /// audited like <see cref="ChangeAsync"/>; the task's progress arrives with the agent's task pushes.
    /// </summary>
    public async Task<ProvisioningResult> StartTaskAsync(
        string hostId, Permission permission, string action, string target, string method, params object?[] args)
    {
        var (userName, refusal) = await AuthorizeAsync(permission, action);
        ProvisioningResult result;
        if (refusal is not null)
        {
            result = ProvisioningResult.From(refusal);
        }
        else
        {
            using var timeout = new CancellationTokenSource(options.Value.ActionTimeout);
            try
            {
                result = await agents.QueryAsync<ProvisioningResult>(hostId, method, args, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                result = ProvisioningResult.Fail(ErrorCodes.Timeout, hostId);
            }
            catch (AgentQueryException ex)
            {
                result = ProvisioningResult.From(ex.Result);
            }
            catch (Exception ex) when (ex is InvalidOperationException or Microsoft.AspNetCore.SignalR.HubException or IOException)
            {
                result = ProvisioningResult.Fail(Failure.Of(ErrorCodes.AgentUnavailable, hostId).WithHint(HintKeys.AgentUnavailable));
            }
        }

        await RecordAsync(userName, hostId, null, action, target, result.AsAction());
        return result;
    }

    private async Task<ActionResult> ChangeCoreAsync(
        string hostId, GuestInfo? guest, Permission permission, string action, string target, string method, object?[] args)
    {
        var (userName, refusal) = await AuthorizeAsync(permission, action);
        ActionResult result;
        if (refusal is not null)
        {
            result = refusal;
        }
        else
        {
            using var timeout = new CancellationTokenSource(options.Value.ActionTimeout);
            result = await agents.InvokeAsync(hostId, method, args, timeout.Token);
        }

        await RecordAsync(userName, hostId, guest, action, target, result);
        return result;
    }

    /// <summary>The user's name, and the refusal to return when <see cref="Permissions"/> does not allow the change.</summary>
    private async Task<(string UserName, ActionResult? Refusal)> AuthorizeAsync(Permission permission, string action)
    {
        var user = await CurrentUserAsync();
        var userName = user.Identity?.Name ?? "(anonymous)";
        return Permissions.IsAllowed(user, permission)
            ? (userName, null)
            : (userName, ActionResult.Fail(Failure.Of(ErrorCodes.Forbidden, userName, action).WithHint(HintKeys.Forbidden)));
    }

    private async Task RecordAsync(string userName, string hostId, GuestInfo? guest, string action, string target, ActionResult result)
    {
        Changed(logger, userName, action, hostId, target, result.Ok, result.ErrorCode);
        await audit.WriteAsync(new AuditEntry
        {
            UserName = userName,
            Action = action,
            TargetHost = hostId,
            TargetGuestUuid = guest?.Uuid,
            TargetGuestName = guest?.Name,
            Result = result.Ok ? AuditEntry.ResultOk : AuditEntry.ResultError,
            Detail = result.Ok ? target : $"{target} {result}",
        });
    }

    private async Task<ClaimsPrincipal> CurrentUserAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information,
        Message = "{UserName} asked {Action} on host {HostId} for {Target}: ok={Ok} {ErrorCode}")]
    private static partial void Changed(ILogger logger, string userName, string action, string hostId, string target, bool ok, string? errorCode);
}
