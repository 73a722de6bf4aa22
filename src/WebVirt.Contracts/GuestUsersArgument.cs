namespace WebVirt.Contracts;

/// <summary>
/// A list of guests as one argument of a failure or problem, each marked when it uses the volume
/// only through a backing file, so the console words the mark in the user's language. Control
/// characters separate the parts: no guest name a person can type contains them.
/// </summary>
public static class GuestUsersArgument
{
    private const char Start = '\u001F';
    private const char Separator = '\u001E';
    private const char Backing = '\u001D';

    public static string Encode(IEnumerable<(string Guest, bool ThroughBacking)> users) =>
        Start + string.Join(Separator, users.Select(u => u.ThroughBacking ? u.Guest + Backing : u.Guest));

    /// <summary>The guests, or null when <paramref name="argument"/> is a plain argument.</summary>
    public static IReadOnlyList<(string Guest, bool ThroughBacking)>? TryDecode(string argument)
    {
        if (string.IsNullOrEmpty(argument) || argument[0] != Start)
        {
            return null;
        }

        return [.. argument[1..].Split(Separator, StringSplitOptions.RemoveEmptyEntries)
            .Select(u => u[^1] == Backing ? (u[..^1], true) : (u, false))];
    }
}
