namespace WebVirt.Contracts;

/// <summary>
/// A line of a task's log, or why a task failed: a code of <see cref="ErrorCodes"/> (the Task.*
/// section) and its arguments, as for an <see cref="AgentText"/>, plus for a failed step the
/// <paramref name="Cause"/>, which the console words and puts in the placeholder after the arguments.
/// Byte counts and lists of what a task left behind travel encoded by <see cref="TaskArguments"/>, so
/// the console can word them in the user's language.
/// </summary>
public sealed record TaskText(string Code, IReadOnlyList<string> Args, Failure? Cause = null)
{
    /// <summary>Text an older agent stored in plain words (its only argument); the console shows it as it is.</summary>
    public const string StoredCode = "Task.Stored";

    public static TaskText Of(string code, params string[] args) => new(code, args);

    /// <summary>Text an older agent stored before tasks recorded codes.</summary>
    public static TaskText Stored(string text) => new(StoredCode, [text]);

    public TaskText Because(Failure cause) => this with { Cause = cause };

    /// <summary>For logs and tests, which are not translated: the code, its arguments and its cause.</summary>
    public override string ToString() =>
        (Args.Count == 0 ? Code : $"{Code}({string.Join(", ", Args)})") + (Cause is null ? "" : $" <- {Cause}");
}

/// <summary>One line of a task's log: when it was written (null for a line an older agent stored with its time in its text) and what it says.</summary>
public sealed record TaskLogEntry(DateTimeOffset? At, TaskText Text)
{
    public override string ToString() => At is { } at ? $"{at:HH:mm:ss} {Text}" : Text.ToString();
}
