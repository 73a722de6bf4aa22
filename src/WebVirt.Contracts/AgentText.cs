namespace WebVirt.Contracts;

/// <summary>
/// Something the agent wants a user to read that is not a failure (a host check's detail, a note on
/// a change that succeeded): a code of <see cref="ErrorCodes"/> or a Domain validation key, and its
/// arguments. The console words it in the user's language like a <see cref="Failure"/>.
/// </summary>
public sealed record AgentText(string Code, IReadOnlyList<string> Args)
{
    public static AgentText Of(string code, params string[] args) => new(code, args);

    /// <summary>For logs and audit records, which are not translated: the code and its arguments.</summary>
    public override string ToString() => Args.Count == 0 ? Code : $"{Code}({string.Join(", ", Args)})";
}
