using WebVirt.Agent.Failures;
using WebVirt.Contracts;

namespace WebVirt.Agent.Tasks;

/// <summary>
/// Why a task's step failed, as a failure the console words: the hub's mapping (libvirt's errors,
/// the agent's refusals, cancellations), then file and network errors (<see cref="Io"/>) with the system's message as
/// their argument. The few exceptions a task catches are all known here.
/// </summary>
internal static class TaskCauses
{
    public static Failure Of(Exception exception, string command)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (ExceptionFailures.Known(exception, command) is { } known)
        {
            return Of(known);
        }

        return exception is IOException or HttpRequestException or UnauthorizedAccessException or Microsoft.AspNetCore.Http.BadHttpRequestException
            ? Io(exception)
            : ExceptionFailures.Internal(command).Error!;
    }

    /// <summary>A file or network error: the system's message is the argument.</summary>
    public static Failure Io(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Failure.Of(ErrorCodes.IoFailed, exception.Message);
    }

    /// <summary>A refused command's first problem is the cause (its validation key words it); else its failure.</summary>
    public static Failure Of(ActionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Problems is [var problem, ..]
            ? new Failure(problem.Key, problem.Args)
            : result.Error ?? Failure.Of(ErrorCodes.Internal, "task");
    }
}
