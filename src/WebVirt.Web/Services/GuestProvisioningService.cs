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
/// The creation wizard's calls to an agent for the current user: checks <see cref="Permissions"/>
/// before asking, names the user as the creator, and audits every create, refused ones too.
/// </summary>
public sealed partial class GuestProvisioningService(
    AuthenticationStateProvider authentication,
    AgentConnections agents,
    AuditLog audit,
    IOptions<WebVirtOptions> options,
    ILogger<GuestProvisioningService> logger)
{
    public const string AuditCreate = "create-guest";

    /// <summary>A read for the wizard's pickers (pools, volumes, networks, OS variants, host limits, preview).</summary>
    public async Task<T> QueryAsync<T>(string hostId, string method, params object?[] args)
    {
        var user = await CurrentUserAsync();
        if (!Permissions.IsAllowed(user, Permission.CreateGuest))
        {
            throw new UnauthorizedAccessException($"User '{user.Identity?.Name}' may not create guests.");
        }

        using var timeout = new CancellationTokenSource(options.Value.ActionTimeout);
        return await agents.QueryAsync<T>(hostId, method, args, timeout.Token);
    }

    public async Task<GuestPreview> PreviewAsync(string hostId, GuestSpecDto spec)
    {
        var userName = (await CurrentUserAsync()).Identity?.Name ?? "";
        return await QueryAsync<GuestPreview>(hostId, nameof(IAgentHub.PreviewGuest), spec with { RequestedBy = userName });
    }

    public async Task<ProvisioningResult> CreateAsync(string hostId, GuestSpecDto spec)
    {
        var user = await CurrentUserAsync();
        var userName = user.Identity?.Name ?? "(anonymous)";
        ProvisioningResult result;
        if (!Permissions.IsAllowed(user, Permission.CreateGuest))
        {
            result = ProvisioningResult.Fail(Failure.Of(ErrorCodes.Forbidden, userName, AuditCreate).WithHint(HintKeys.Forbidden));
        }
        else
        {
            try
            {
                using var timeout = new CancellationTokenSource(options.Value.ActionTimeout);
                result = await agents.QueryAsync<ProvisioningResult>(hostId, nameof(IAgentHub.CreateGuest), [spec with { RequestedBy = userName }], timeout.Token);
            }
            catch (OperationCanceledException)
            {
                result = ProvisioningResult.Fail(Failure.Of(ErrorCodes.Timeout, hostId).WithHint(HintKeys.Timeout));
            }
            catch (AgentQueryException ex)
            {
                result = ProvisioningResult.From(ex.Result);
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or Microsoft.AspNetCore.SignalR.HubException)
            {
                result = ProvisioningResult.Fail(Failure.Of(ErrorCodes.AgentUnavailable, hostId).WithHint(HintKeys.AgentUnavailable));
            }
        }

        Created(logger, userName, hostId, spec.Name, result.Ok, result.ErrorCode);
        await audit.WriteAsync(new AuditEntry
        {
            UserName = userName,
            Action = AuditCreate,
            TargetHost = hostId,
            TargetGuestName = spec.Name,
            Result = result.Ok ? AuditEntry.ResultOk : AuditEntry.ResultError,
            Detail = result.Ok
                ? $"task {result.TaskId}"
                : result.AsAction().ToString(),
        });
        return result;
    }

    private async Task<ClaimsPrincipal> CurrentUserAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information,
        Message = "{UserName} asked to create guest {Name} on host {HostId}: ok={Ok} {ErrorCode}")]
    private static partial void Created(ILogger logger, string userName, string hostId, string name, bool ok, string? errorCode);
}
