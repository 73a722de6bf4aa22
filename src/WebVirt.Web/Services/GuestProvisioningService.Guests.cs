using Microsoft.AspNetCore.SignalR;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Data;
using WebVirt.Web.Security;

namespace WebVirt.Web.Services;

/// <summary>Clone, delete and template marking from the guest rows: each checks its permission and is audited, refused ones too.</summary>
public sealed partial class GuestProvisioningService
{
    public const string AuditClone = "clone-guest";
    public const string AuditDelete = "delete-guest";
    public const string AuditTemplate = "set-template";

    public async Task<ProvisioningResult> CloneAsync(GuestInfo source, string newName, bool startAfterClone, bool linked = false)
    {
        ArgumentNullException.ThrowIfNull(source);
        var (userName, allowed) = await CheckAsync(Permission.CloneGuest);
        ProvisioningResult result = allowed
            ? await AskAsync(source.HostId, nameof(IAgentHub.CloneGuest), [new CloneGuestRequest(source.Uuid, newName, startAfterClone, userName, linked)], ProvisioningFailure)
            : ProvisioningResult.Fail(Forbidden(userName, AuditClone));
        await AuditAsync(userName, AuditClone, source, result.Ok, result.Ok ? $"as {newName}{(linked ? " (linked)" : "")}, task {result.TaskId}" : Describe(result));
        return result;
    }

    /// <summary>What deleting <paramref name="guest"/> would remove; read-only, so not audited.</summary>
    public async Task<DeletePlan> GetDeletePlanAsync(GuestInfo guest)
    {
        ArgumentNullException.ThrowIfNull(guest);
        var (userName, allowed) = await CheckAsync(Permission.DeleteGuest);
        if (!allowed)
        {
            return new DeletePlan(guest.Uuid, guest.Name, false, [], Forbidden(userName, AuditDelete));
        }

        return await AskAsync(guest.HostId, nameof(IAgentHub.GetDeletePlan), [guest.Uuid],
            failure => new DeletePlan(guest.Uuid, guest.Name, false, [], failure.Error));
    }

    public async Task<ProvisioningResult> DeleteAsync(GuestInfo guest, string confirmName, bool deleteDisks)
    {
        ArgumentNullException.ThrowIfNull(guest);
        var (userName, allowed) = await CheckAsync(Permission.DeleteGuest);
        ProvisioningResult result = allowed
            ? await AskAsync(guest.HostId, nameof(IAgentHub.DeleteGuest), [new DeleteGuestRequest(guest.Uuid, confirmName, deleteDisks, userName)], ProvisioningFailure)
            : ProvisioningResult.Fail(Forbidden(userName, AuditDelete));
        await AuditAsync(userName, AuditDelete, guest, result.Ok, result.Ok ? $"{(deleteDisks ? "with" : "without")} disks, task {result.TaskId}" : Describe(result));
        return result;
    }

    public async Task<ActionResult> SetTemplateAsync(GuestInfo guest, bool isTemplate)
    {
        ArgumentNullException.ThrowIfNull(guest);
        var (userName, allowed) = await CheckAsync(Permission.ManageTemplates);
        ActionResult result = allowed
            ? await AskAsync(guest.HostId, nameof(IAgentHub.SetTemplate), [guest.Uuid, isTemplate, userName], failure => failure)
            : ActionResult.Fail(Forbidden(userName, AuditTemplate));
        await AuditAsync(userName, AuditTemplate, guest, result.Ok, result.Ok ? (isTemplate ? "marked" : "unmarked") : $"{(isTemplate ? "mark" : "unmark")}: {result}");
        return result;
    }

    private static ProvisioningResult ProvisioningFailure(ActionResult failure) => ProvisioningResult.From(failure);

    private static Failure Forbidden(string userName, string action) => Failure.Of(ErrorCodes.Forbidden, userName, action).WithHint(HintKeys.Forbidden);

    /// <summary>For the audit log, which is not translated: codes and arguments.</summary>
    private static string Describe(ProvisioningResult result) => result.AsAction().ToString();

    private async Task<(string UserName, bool Allowed)> CheckAsync(Permission permission)
    {
        var user = await CurrentUserAsync();
        return (user.Identity?.Name ?? "(anonymous)", Permissions.IsAllowed(user, permission));
    }

    /// <summary>Calls the agent; an unreachable or silent agent becomes a failure of the caller's result type.</summary>
    private async Task<T> AskAsync<T>(string hostId, string method, object?[] args, Func<ActionResult, T> failure)
    {
        try
        {
            using var timeout = new CancellationTokenSource(options.Value.ActionTimeout);
            return await agents.QueryAsync<T>(hostId, method, args, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return failure(ActionResult.Fail(Failure.Of(ErrorCodes.Timeout, hostId).WithHint(HintKeys.Timeout)));
        }
        catch (AgentQueryException ex)
        {
            return failure(ex.Result);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or HubException)
        {
            return failure(ActionResult.Fail(Failure.Of(ErrorCodes.AgentUnavailable, hostId).WithHint(HintKeys.AgentUnavailable)));
        }
    }

    private async Task AuditAsync(string userName, string action, GuestInfo guest, bool ok, string detail)
    {
        Provisioned(logger, userName, action, guest.HostId, guest.Name, ok);
        await audit.WriteAsync(new AuditEntry
        {
            UserName = userName,
            Action = action,
            TargetHost = guest.HostId,
            TargetGuestUuid = guest.Uuid,
            TargetGuestName = guest.Name,
            Result = ok ? AuditEntry.ResultOk : AuditEntry.ResultError,
            Detail = detail,
        });
    }

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information,
        Message = "{UserName} asked {Action} for guest {Name} on host {HostId}: ok={Ok}")]
    private static partial void Provisioned(ILogger logger, string userName, string action, string hostId, string name, bool ok);
}
