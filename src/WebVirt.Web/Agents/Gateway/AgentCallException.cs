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
        : this(ActionResult.Fail(AgentErrorCodes.Failed, "The agent call failed."))
    {
    }

    public AgentCallException(string message)
        : this(ActionResult.Fail(AgentErrorCodes.Failed, message))
    {
    }

    public AgentCallException(string message, Exception innerException)
        : base(message, innerException) => Failure = ActionResult.Fail(AgentErrorCodes.Failed, message);

    public AgentCallException(ActionResult failure)
        : base(Formatting.AgentTexts.Describe(failure)) => Failure = failure;

    public ActionResult Failure { get; }

    public string? ErrorCode => Failure.ErrorCode;
}
