using System.Text;

namespace WebVirt.Agent.Logging;

/// <summary>
/// Caller-chosen text (a refused request's path) made fit for a log line: control and formatting
/// characters become '?' so nobody can forge lines, and the text is cut to a bounded length.
/// </summary>
internal static class SafeLogText
{
    public const int DefaultMaxLength = 200;

    public static string Of(string? text, int maxLength = DefaultMaxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var result = new StringBuilder(Math.Min(text.Length, maxLength + 1));
        foreach (var rune in text.EnumerateRunes())
        {
            if (result.Length + rune.Utf16SequenceLength > maxLength)
            {
                result.Append('…');
                break;
            }

            var category = Rune.GetUnicodeCategory(rune);
            var unsafeRune = rune == Rune.ReplacementChar
                || category is System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format
                    or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator;
            result.Append(unsafeRune ? "?" : rune.ToString());
        }

        return result.ToString();
    }
}
