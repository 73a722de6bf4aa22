using System.Globalization;

namespace WebVirt.Contracts;

/// <summary>
/// Arguments of a <see cref="TaskText"/> that the console words rather than shows: a byte count
/// (formatted in the user's culture) and a list of what a task made (<c>volume:POOL/NAME</c>,
/// <c>guest:UUID</c>; worded "volume NAME in pool POOL"). Like <see cref="GuestUsersArgument"/>,
/// a control character no name a person types contains marks them.
/// </summary>
public static class TaskArguments
{
    private const char BytesMark = '\u001C';
    private const char LeftoversMark = '\u001A';
    private const char Separator = '\u001E';

    public const string VolumePrefix = "volume:";
    public const string GuestPrefix = "guest:";

    public static string Bytes(long bytes) => BytesMark + bytes.ToString(CultureInfo.InvariantCulture);

    /// <summary>Things a task made, in their stored form (<c>volume:POOL/NAME</c>, <c>guest:UUID</c>); none is an empty list.</summary>
    public static string Leftovers(IEnumerable<string> stored) => LeftoversMark + string.Join(Separator, stored);

    /// <summary>The byte count, or null when <paramref name="argument"/> is not one.</summary>
    public static long? TryBytes(string argument) =>
        !string.IsNullOrEmpty(argument) && argument[0] == BytesMark && long.TryParse(argument.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out long bytes)
            ? bytes
            : null;

    /// <summary>The stored forms, or null when <paramref name="argument"/> is not a list of leftovers.</summary>
    public static IReadOnlyList<string>? TryLeftovers(string argument) =>
        !string.IsNullOrEmpty(argument) && argument[0] == LeftoversMark
            ? argument[1..].Split(Separator, StringSplitOptions.RemoveEmptyEntries)
            : null;
}
