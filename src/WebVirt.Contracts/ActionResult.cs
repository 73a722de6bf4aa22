using System.Text.Json.Serialization;

namespace WebVirt.Contracts;

/// <summary>The outcome of a command sent to an agent.</summary>
/// <param name="Ok">Whether the command succeeded.</param>
/// <param name="Error">Why it failed (null on success).</param>
/// <param name="Problems">For <see cref="ErrorCodes.InputInvalid"/> and <see cref="ErrorCodes.InUse"/>: each refused value, as a validation key and arguments.</param>
/// <param name="Notice">On success, what the user should know (for example: applies at next boot).</param>
public sealed record ActionResult(bool Ok, Failure? Error = null, IReadOnlyList<ProblemDto>? Problems = null, AgentText? Notice = null)
{
    public static ActionResult Success { get; } = new(true);

    public static ActionResult Fail(Failure failure) => new(false, failure);

    public static ActionResult Fail(string code, params string[] args) => new(false, Failure.Of(code, args));

    /// <summary>Refused input: nothing was changed; each problem says why.</summary>
    public static ActionResult Refused(IReadOnlyList<ProblemDto> problems, string code = ErrorCodes.InputInvalid) => new(false, Failure.Of(code), problems);

    public static ActionResult Succeeded(AgentText notice) => new(true, Notice: notice);

    [JsonIgnore]
    public string? ErrorCode => Error?.Code;

    [JsonIgnore]
    public string? HintKey => Error?.HintKey;

    /// <summary>For logs, audit records and test output: the code, its arguments and the problems' keys and arguments.</summary>
    public override string ToString() => Ok
        ? Notice?.ToString() ?? "ok"
        : string.Join("; ", new[] { Error?.ToString() ?? "failed" }.Concat((Problems ?? []).Select(p => p.ToString())));
}
