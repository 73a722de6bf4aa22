using WebVirt.Agent.Session;
using WebVirt.Contracts;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Failures;

/// <summary>
/// The one mapping from an exception to a failure a console can word: libvirt's errors keep their
/// VIR_ERR_* name with libvirt's message as the argument, the agent's own refusals their code,
/// cancellations one code. Anything else is not known here (null): the caller reports it as
/// <see cref="ErrorCodes.Internal"/> and logs it, never showing its text.
/// </summary>
internal static class ExceptionFailures
{
    public static ActionResult? Known(Exception exception, string command) => exception switch
    {
        FailureException failure => failure.Result,
        LibvirtException libvirt => ActionResult.Fail(new Failure(libvirt.CodeName, [libvirt.Message], LibvirtErrorHints.For(libvirt))),
        LibvirtUnavailableException => ActionResult.Fail(Failure.Of(ErrorCodes.LibvirtUnavailable).WithHint(HintKeys.LibvirtDown)),
        OperationCanceledException or TimeoutException => ActionResult.Fail(Failure.Of(ErrorCodes.Cancelled, command).WithHint(HintKeys.Timeout)),
        _ => null,
    };

    public static ActionResult Internal(string command) => ActionResult.Fail(ErrorCodes.Internal, command);

    /// <summary>
    /// For endpoints outside the hub (the upload): libvirt's errors and the agent's refusals as a
    /// failed result, mapped as the hub's filter maps them; anything else is left to the caller.
    /// </summary>
    public static async Task<ActionResult> GuardAsync(string command, Func<Task<ActionResult>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            return await run();
        }
        catch (Exception ex) when (ex is LibvirtException or LibvirtUnavailableException or FailureException)
        {
            return Known(ex, command)!;
        }
    }
}
