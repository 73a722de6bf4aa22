using Microsoft.AspNetCore.SignalR;
using WebVirt.Agent.Failures;
using WebVirt.Contracts;

namespace WebVirt.Agent.Hubs;

/// <summary>
/// Maps every exception that escapes a hub method, once, for all of them
/// (<see cref="ExceptionFailures"/>). A method that answers with a result type gets that result,
/// failed; any other method's caller gets a hub error carrying the failure
/// (<see cref="FailureException.ToHubMessage"/>). An unexpected exception is logged with its
/// stack and reaches the caller only as <see cref="ErrorCodes.Internal"/>.
/// </summary>
internal sealed partial class HubFailureFilter(ILogger<HubFailureFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(invocationContext);
        }
        catch (Exception ex)
        {
            string command = invocationContext.HubMethodName;
            ActionResult failed;
            if (ExceptionFailures.Known(ex, command) is { } known)
            {
                failed = known;
                Log.Failed(logger, command, failed.ToString());
            }
            else
            {
                failed = ExceptionFailures.Internal(command);
                Log.Unexpected(logger, command, ex);
            }

            return AsAnswer(invocationContext, failed) ?? throw new HubException(new FailureException(failed).ToHubMessage());
        }
    }

    /// <summary>The failure as the method's own answer type, when it has a place for one.</summary>
    private static object? AsAnswer(HubInvocationContext context, ActionResult failed)
    {
        Type answer = context.HubMethod.ReturnType is { IsGenericType: true } task && task.GetGenericTypeDefinition() == typeof(Task<>)
            ? task.GetGenericArguments()[0]
            : context.HubMethod.ReturnType;
        if (answer == typeof(ActionResult))
        {
            return failed;
        }

        if (answer == typeof(ProvisioningResult))
        {
            return ProvisioningResult.From(failed);
        }

        if (answer == typeof(GuestScreenshot))
        {
            return new GuestScreenshot(failed);
        }

        if (answer == typeof(GuestPreview))
        {
            return new GuestPreview(null, failed.Problems ?? [], [], failed.Error);
        }

        if (answer == typeof(GuestXmlPreview))
        {
            return new GuestXmlPreview(false, "", failed);
        }

        if (answer == typeof(DeletePlan))
        {
            return new DeletePlan(context.HubMethodArguments.FirstOrDefault() as string ?? "", "", false, [], failed.Error);
        }

        return null;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Hub command {Command} failed: {Failure}")]
        public static partial void Failed(ILogger logger, string command, string failure);

        [LoggerMessage(EventId = 1202, Level = LogLevel.Error, Message = "Hub command {Command} failed unexpectedly")]
        public static partial void Unexpected(ILogger logger, string command, Exception exception);
    }
}
