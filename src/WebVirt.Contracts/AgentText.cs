namespace WebVirt.Contracts;

/// <summary>
/// Something the agent wants a user to read, as a stable <paramref name="Code"/> (one of
/// <see cref="AgentTextCodes"/>) and its arguments: names, numbers, paths, never words. The web
/// turns it into text in the user's language from its catalogue, so nothing the agent sends for
/// users is English-only.
/// </summary>
public sealed record AgentText(string Code, IReadOnlyList<string> Args)
{
    public static AgentText Of(string code, params string[] args) => new(code, args);

    /// <summary>For logs and audit records, which are not translated: the code and its arguments.</summary>
    public override string ToString() => Args.Count == 0 ? Code : $"{Code}({string.Join(", ", Args)})";
}
