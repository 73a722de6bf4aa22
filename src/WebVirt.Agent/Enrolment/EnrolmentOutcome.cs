using WebVirt.Contracts;

namespace WebVirt.Agent.Enrolment;

/// <summary>What became of an enrolment request: the answer for the console, or the failure that refused it.</summary>
public sealed record EnrolmentOutcome(EnrolmentAnswer? Answer, Failure? Failure)
{
    public static EnrolmentOutcome Accepted(EnrolmentAnswer answer) => new(answer, null);

    public static EnrolmentOutcome Refused(string code, params string[] args) => new(null, Failure.Of(code, args));
}
