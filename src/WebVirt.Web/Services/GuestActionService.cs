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
/// Carries out a user's state-changing request on a host: checks <see cref="Permissions"/>,
/// asks the agent with a timeout and records every attempt in the audit log, refused ones too.
/// </summary>
public sealed partial class GuestActionService(
    AuthenticationStateProvider authentication,
    AgentConnections agents,
    AuditLog audit,
    IOptions<WebVirtOptions> options,
    ILogger<GuestActionService> logger)
{
    public const string SetUseEmulationAction = "set-use-emulation";

    public async Task<ActionResult> ActAsync(GuestInfo guest, GuestAction action, CancellationToken cancellationToken = default)
    {
        var user = await CurrentUserAsync();
        var actionName = GuestActionGuide.Slug(action);
        var result = Permissions.IsAllowed(user, action)
            ? await WithTimeoutAsync(guest.HostId, token => agents.ActAsync(guest.HostId, guest.Uuid, action, token), cancellationToken)
            : Refused(user, actionName);

        await RecordAsync(user, actionName, guest.HostId, guest.Uuid, guest.Name, result, cancellationToken);
        return result;
    }

    public async Task<ActionResult> SetUseEmulationAsync(string hostId, bool useEmulation, CancellationToken cancellationToken = default)
    {
        var user = await CurrentUserAsync();
        var result = Permissions.IsAllowed(user, Permission.SetHostEmulation)
            ? await WithTimeoutAsync(hostId, token => agents.SetUseEmulationAsync(hostId, useEmulation, token), cancellationToken)
            : Refused(user, SetUseEmulationAction);

        var detail = useEmulation ? "on" : "off";
        await RecordAsync(user, SetUseEmulationAction, hostId, null, null, result, cancellationToken, detail);
        return result;
    }

    private static ActionResult Refused(ClaimsPrincipal user, string action) =>
        ActionResult.Fail(Failure.Of(ErrorCodes.Forbidden, user.Identity?.Name ?? "(anonymous)", action).WithHint(HintKeys.Forbidden));

    private async Task<ClaimsPrincipal> CurrentUserAsync() =>
        (await authentication.GetAuthenticationStateAsync()).User;

    private async Task<ActionResult> WithTimeoutAsync(string hostId, Func<CancellationToken, Task<ActionResult>> call, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ActionTimeout);
        using var backstop = new CancellationTokenSource();
        var work = call(timeout.Token);
        // The agent call honours the token, but a hung transport must not hold the circuit either.
        var late = Task.Delay(options.Value.ActionTimeout + TimeSpan.FromSeconds(2), backstop.Token);
        var finished = await Task.WhenAny(work, late);
        await backstop.CancelAsync();
        if (finished == work)
        {
            return await work;
        }

        return ActionResult.Fail(Failure.Of(ErrorCodes.Timeout, hostId).WithHint(HintKeys.Timeout));
    }

    private async Task RecordAsync(ClaimsPrincipal user, string action, string hostId, string? uuid, string? guestName,
        ActionResult result, CancellationToken cancellationToken, string? detail = null)
    {
        var userName = user.Identity?.Name ?? "(anonymous)";
        Acted(logger, userName, action, hostId, guestName ?? "", result.Ok, result.ErrorCode);
        var failure = result.Ok ? null : result.ToString();
        await audit.WriteAsync(new AuditEntry
        {
            UserName = userName,
            Action = action,
            TargetHost = hostId,
            TargetGuestUuid = uuid,
            TargetGuestName = guestName,
            Result = result.Ok ? AuditEntry.ResultOk : AuditEntry.ResultError,
            Detail = string.Join(" ", new[] { detail, failure }.Where(part => !string.IsNullOrEmpty(part))) is { Length: > 0 } text ? text : null,
        }, cancellationToken);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information,
        Message = "{UserName} asked {Action} on host {HostId} guest {GuestName}: ok={Ok} {ErrorCode}")]
    private static partial void Acted(ILogger logger, string userName, string action, string hostId, string guestName, bool ok, string? errorCode);
}
