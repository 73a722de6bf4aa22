using WebVirt.Contracts;

namespace WebVirt.Web.Agents.Gateway;

/// <summary>
/// A read through the gateway that did not get an answer: refused, unknown host, agent away, timeout
/// or a failure on the agent. <see cref="Failure"/> carries the code and hint as a failed command would,
/// so pages show a failed read the same way as a failed change.
/// </summary>
public sealed class AgentCallException : Exception
{
    public AgentCallException()
        : this(ActionResult.Fail(ErrorCodes.Internal, "agent call"))
    {
    }

    public AgentCallException(string message)
        : this(ActionResult.Fail(ErrorCodes.Internal, message))
    {
    }

    public AgentCallException(string message, Exception innerException)
        : base(message, innerException) => Failure = ActionResult.Fail(ErrorCodes.Internal, message);

    public AgentCallException(ActionResult failure)
        // The message is the failure in the caller's language: pages show a failed read as it is.
        : base(Formatting.AgentTexts.Describe(failure)) => Failure = failure;

    public ActionResult Failure { get; }

    public string? ErrorCode => Failure.ErrorCode;
}
