using System.Globalization;
using System.Text;

namespace WebVirt.Web.Security;

/// <summary>
/// Makes caller-chosen text (a user name typed into the login form, a browser's user agent) safe
/// to store and show: control and format characters are escaped, and the length is bounded.
/// </summary>
public static class AuditText
{
    public const int UserNameMaxLength = 64;

    public static string Sanitize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var category = char.GetUnicodeCategory(c);
            if (char.IsControl(c) || category is UnicodeCategory.Format or UnicodeCategory.LineSeparator
                    or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Sanitized and cut to <paramref name="maxLength"/> characters, marked with "…" when cut.</summary>
    public static string Bounded(string? text, int maxLength = UserNameMaxLength)
    {
        var clean = Sanitize(text ?? "");
        return clean.Length <= maxLength ? clean : clean[..(maxLength - 1)] + "…";
    }
}
