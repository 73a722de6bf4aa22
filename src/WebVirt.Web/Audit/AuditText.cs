using System.Buffers;
using System.Globalization;
using System.Text;

namespace WebVirt.Web.Audit;

/// <summary>
/// Makes caller-chosen text fit to be written to the audit log or a log line: control and
/// formatting characters (newlines, escapes, bidirectional overrides) become '?', and the text is
/// cut to a maximum length, never in the middle of a character, with '…' marking the cut.
/// </summary>
public static class AuditText
{
    public const char Replacement = '?';
    public const string Ellipsis = "…";

    /// <summary>How much of a typed user name the audit log keeps.</summary>
    public const int UserNameMaxLength = 64;

    /// <summary>Like <see cref="Sanitize"/>, with null as empty text.</summary>
    public static string Bounded(string? text, int maxLength = UserNameMaxLength) => Sanitize(text ?? "", maxLength)!;

    /// <summary>Null stays null; anything else is made safe and at most <paramref name="maxLength"/> chars long.</summary>
    public static string? Sanitize(string? text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (text is null)
        {
            return null;
        }

        var result = new StringBuilder(Math.Min(text.Length, maxLength));
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            var safe = IsUnsafe(element) ? Replacement.ToString() : element;
            if (result.Length + safe.Length > maxLength)
            {
                Cut(result, maxLength);
                break;
            }

            result.Append(safe);
        }

        return result.ToString();
    }

    private static bool IsUnsafe(string element)
    {
        var rest = element.AsSpan();
        while (!rest.IsEmpty)
        {
            // A lone surrogate does not decode: it is as unsafe as a control character.
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != OperationStatus.Done)
            {
                return true;
            }

            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse)
            {
                return true;
            }

            rest = rest[used..];
        }

        return false;
    }

    private static void Cut(StringBuilder result, int maxLength)
    {
        // Remove whole text elements until the ellipsis fits.
        while (result.Length > 0 && result.Length + Ellipsis.Length > maxLength)
        {
            var text = result.ToString();
            var starts = StringInfo.ParseCombiningCharacters(text);
            result.Length = starts[^1];
        }

        result.Append(Ellipsis[0]);
    }
}
