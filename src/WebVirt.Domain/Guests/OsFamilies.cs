namespace WebVirt.Domain.Guests;

/// <summary>osinfo-db's family names that decide how a guest is built.</summary>
public static class OsFamilies
{
    /// <summary>Microsoft Windows: NT-based, 9x and 16-bit.</summary>
    public static IReadOnlyList<string> Windows { get; } = ["winnt", "win9x", "win16"];

    public static bool IsWindows(string? osFamily) =>
        osFamily is not null && Windows.Contains(osFamily, StringComparer.Ordinal);
}
