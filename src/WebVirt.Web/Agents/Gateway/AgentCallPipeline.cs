using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using WebVirt.Contracts;
using WebVirt.Web.Audit;
using WebVirt.Web.Configuration;
using WebVirt.Web.Data;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Agents.Gateway;

/// <summary>
/// What every call from the web to an agent goes through, in one place: the permission check, the
/// host's connected agent, the timeout (<see cref="WebVirtOptions.ActionTimeout"/>), the mapping of
/// every way a call can fail to a <see cref="Failure"/> of <see cref="ErrorCodes"/>, and for changes the audit record,
/// refused attempts too. A failed change comes back as a failed result; a failed read raises
/// <see cref="AgentCallException"/>. Each hub call's duration and outcome go to /metrics (<paramref name="meter"/>).
/// </summary>
public sealed partial class AgentCallPipeline(
    ICurrentUser currentUser,
    RightsEvaluator rights,
    AgentConnections agents,
    AuditLog audit,
    IOptions<WebVirtOptions> options,
    ILogger<AgentCallPipeline> logger,
    AgentCallMeter? meter = null)
{
    private const string Anonymous = "(anonymous)";

    /// <summary>The hung-transport backstop beyond the timeout the call's token already carries.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    /// <summary>A read of the host as a whole: needs <paramref name="permission"/> on the host, is not audited, and throws <see cref="AgentCallException"/> when it fails.</summary>
    public Task<T> ReadAsync<T>(string hostId, Permission permission, Func<AgentCall, Task<T>> call, CancellationToken cancellationToken = default) =>
        ReadAsync(RightsTarget.Host(hostId), permission, call, cancellationToken);

    /// <summary>A read of one object of a host (a guest, pool or network): needs <paramref name="permission"/> on it.</summary>
    public async Task<T> ReadAsync<T>(RightsTarget target, Permission permission, Func<AgentCall, Task<T>> call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(call);
        var user = await currentUser.GetAsync();
        var userName = NameOf(user);
        if (target.Path.HostId is not { } hostId || !(await rights.ForAsync(user, cancellationToken)).Allows(permission, target))
        {
            throw new AgentCallException(Refusal(userName, "read " + permission));
        }

        var (answer, failure) = await CallAsync(hostId, userName, call, cancellationToken);
        return failure is null ? answer! : throw new AgentCallException(failure);
    }

    /// <summary>
    /// A read of a host's list of objects (pools, networks): allowed to whoever holds <paramref name="permission"/>
    /// somewhere, and answered with only the items they hold it on.
    /// </summary>
    public async Task<IReadOnlyList<T>> ReadVisibleAsync<T>(
        string hostId, Permission permission, Func<AgentCall, Task<IReadOnlyList<T>>> call, Func<T, RightsTarget> targetOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targetOf);
        var user = await currentUser.GetAsync();
        var held = await rights.ForAsync(user, cancellationToken);
        if (!held.AllowsAnywhere(permission))
        {
            throw new AgentCallException(Refusal(NameOf(user), "read " + permission));
        }

        var (answer, failure) = await CallAsync(hostId, NameOf(user), call, cancellationToken);
        if (failure is not null)
        {
            throw new AgentCallException(failure);
        }

        return held.AllowsHost(permission, hostId) ? answer! : [.. answer!.Where(item => held.Allows(permission, targetOf(item)))];
    }

    /// <summary>
    /// The permission check alone, for reads of what the agents pushed (the inventory, the tasks): refused
    /// like a read through the hub, with <see cref="AgentCallException"/>, when the user holds it nowhere;
    /// otherwise the user's rights, to show only what they may see.
    /// </summary>
    public async Task<UserRights> EnsureAllowedAsync(Permission permission, string what)
    {
        var user = await currentUser.GetAsync();
        var held = await rights.ForAsync(user);
        return held.AllowsAnywhere(permission) ? held : throw new AgentCallException(Refusal(NameOf(user), "read " + what));
    }

    /// <summary>The permission check alone on one object, for reads of the web's own records of it (a guest's history and usage).</summary>
    public async Task EnsureAllowedAsync(RightsTarget target, Permission permission, string what)
    {
        ArgumentNullException.ThrowIfNull(target);
        var user = await currentUser.GetAsync();
        if (!(await rights.ForAsync(user)).Allows(permission, target))
        {
            throw new AgentCallException(Refusal(NameOf(user), "read " + what));
        }
    }

    /// <summary>A change answered with an <see cref="ActionResult"/>: checked, timed, mapped and audited.</summary>
    public Task<ActionResult> ChangeAsync(AgentChange change, Func<AgentCall, Task<ActionResult>> call, CancellationToken cancellationToken = default) =>
        ChangeCoreAsync(change, call, failure => failure, result => (result, null), cancellationToken);

    /// <summary>A change the web makes in its own store (a guest's notes), given the caller's name: checked and audited like a change through an agent.</summary>
    public async Task<ActionResult> ChangeHereAsync(AgentChange change, Func<string, Task<ActionResult>> apply)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(apply);
        var user = await currentUser.GetAsync();
        var userName = NameOf(user);
        var result = (await rights.ForAsync(user)).Allows(change.Permission, change.Target) ? await apply(userName) : Refusal(userName, change.Action);
        await RecordAsync(userName, ApiTokenClaims.TokenNameOf(user), change, result, null);
        return result;
    }

    /// <summary>A change that starts a task on the host (create, clone, delete, download): checked, timed, mapped and audited like any change.</summary>
    public Task<ProvisioningResult> StartAsync(AgentChange change, Func<AgentCall, Task<ProvisioningResult>> call, CancellationToken cancellationToken = default) =>
        ChangeCoreAsync(change, call,
            ProvisioningResult.From,
            result => (result.AsAction(), result.Ok ? $"task {result.TaskId}" : null),
            cancellationToken);

    private async Task<TResult> ChangeCoreAsync<TResult>(
        AgentChange change,
        Func<AgentCall, Task<TResult>> call,
        Func<ActionResult, TResult> fromFailure,
        Func<TResult, (ActionResult Outcome, string? Note)> describe,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(call);
        var user = await currentUser.GetAsync();
        var userName = NameOf(user);
        TResult result;
        if (!(await rights.ForAsync(user, cancellationToken)).Allows(change.Permission, change.Target))
        {
            result = fromFailure(Refusal(userName, change.Action));
        }
        else
        {
            var (answer, failure) = await CallAsync(change.HostId, userName, call, cancellationToken);
            result = failure is null ? answer! : fromFailure(failure);
        }

        var (outcome, note) = describe(result);
        await RecordAsync(userName, ApiTokenClaims.TokenNameOf(user), change, outcome, note);
        return result;
    }

    /// <summary>Makes the hub call with the timeout; every way it can fail becomes a failed <see cref="ActionResult"/>.</summary>
    private async Task<(T? Answer, ActionResult? Failure)> CallAsync<T>(
        string hostId, string userName, Func<AgentCall, Task<T>> call, CancellationToken cancellationToken)
    {
        var timeoutAfter = options.Value.ActionTimeout;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(timeoutAfter);
        var hub = agents.ConnectedHub(hostId, timeout.Token);
        if (hub is null)
        {
            return (default, ActionResult.Fail(Failure.Of(agents.IsConfigured(hostId) ? ErrorCodes.AgentUnavailable : ErrorCodes.UnknownHost, hostId)
                .WithHint(HintKeys.AgentUnavailable)));
        }

        var started = TimeProvider.System.GetTimestamp();
        var (answer, failure) = await CallHubAsync(hostId, hub, userName, call, timeoutAfter, cancellationToken);
        meter?.Finished(hostId, failure is null ? "ok" : OutcomeOf(failure), TimeProvider.System.GetElapsedTime(started));
        return (answer, failure);
    }

    private async Task<(T? Answer, ActionResult? Failure)> CallHubAsync<T>(
        string hostId, IAgentHub hub, string userName, Func<AgentCall, Task<T>> call, TimeSpan timeoutAfter, CancellationToken cancellationToken)
    {
        try
        {
            // The hub call honours the token, but a hung transport must not hold the page either.
            var answer = await call(new AgentCall(hub, userName)).WaitAsync(timeoutAfter + Grace, cancellationToken);
            return (answer, null);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (default, ActionResult.Fail(Failure.Of(ErrorCodes.Timeout, hostId).WithHint(HintKeys.Timeout)));
        }
        catch (HubException ex)
        {
            // The agent's failure filter puts the failure into the error's text; anything else is a broken answer.
            CallFailed(logger, hostId, ex);
            return (default, FailureException.TryRead(ex.Message) ?? ActionResult.Fail(ErrorCodes.BadAnswer, hostId));
        }
        catch (Exception ex) when (AgentLinkFailures.Is(ex))
        {
            CallFailed(logger, hostId, ex);
            return (default, ActionResult.Fail(Failure.Of(ErrorCodes.AgentUnavailable, hostId).WithHint(HintKeys.AgentUnavailable)));
        }
    }

    private async Task RecordAsync(string userName, string? tokenName, AgentChange change, ActionResult outcome, string? note)
    {
        Changed(logger, userName, change.Action, change.HostId, change.GuestName ?? change.Detail, outcome.Ok, outcome.ErrorCode);
        // A change asked through the API names the token it came with, so a leaked token's doings can be found.
        var via = tokenName is null ? null : ApiTokenClaims.AuditNote(tokenName);
        var detail = outcome.Ok
            ? string.Join(", ", new[] { change.Detail, note, via }.Where(part => !string.IsNullOrEmpty(part)))
            : string.Join(" ", new[] { change.Detail, outcome.ToString(), via }.Where(part => !string.IsNullOrEmpty(part)));
        await audit.WriteAsync(new AuditEntry
        {
            UserName = userName,
            Action = change.Action,
            TargetHost = change.HostId,
            TargetGuestUuid = change.GuestUuid,
            TargetGuestName = change.GuestName,
            Result = outcome.Ok ? AuditEntry.ResultOk : AuditEntry.ResultError,
            Detail = detail.Length > 0 ? detail : null,
        });
    }

    private static string OutcomeOf(ActionResult failure) => failure.ErrorCode switch
    {
        ErrorCodes.Timeout => "timeout",
        ErrorCodes.AgentUnavailable => "unavailable",
        _ => "failed",
    };

    private static ActionResult Refusal(string userName, string action) =>
        ActionResult.Fail(Failure.Of(ErrorCodes.Forbidden, userName, action).WithHint(HintKeys.Forbidden));

    private static string NameOf(ClaimsPrincipal user) => user.Identity?.Name ?? Anonymous;

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information,
        Message = "{UserName} asked {Action} on host {HostId} for {Target}: ok={Ok} {ErrorCode}")]
    private static partial void Changed(ILogger logger, string userName, string action, string hostId, string target, bool ok, string? errorCode);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "A call to the agent of host {HostId} failed")]
    private static partial void CallFailed(ILogger logger, string hostId, Exception exception);
}
