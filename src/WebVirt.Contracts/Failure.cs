namespace WebVirt.Contracts;

/// <summary>
/// Why a command failed: a stable <paramref name="Code"/> (<see cref="ErrorCodes"/>, or libvirt's
/// VIR_ERR_* name), its <paramref name="Args"/> (names, numbers, libvirt's message; never our
/// words), and <paramref name="HintKey"/>, advice the console words (<see cref="HintKeys"/>).
/// Every result type carries one; the console turns it into text in the user's language.
/// </summary>
public sealed record Failure(string Code, IReadOnlyList<string> Args, string? HintKey = null)
{
    public static Failure Of(string code, params string[] args) => new(code, args);

    public Failure WithHint(string? hintKey) => this with { HintKey = hintKey };

    /// <summary>For logs and audit records, which are not translated: the code and its arguments.</summary>
    public override string ToString() => Args.Count == 0 ? Code : $"{Code}({string.Join(", ", Args)})";
}
