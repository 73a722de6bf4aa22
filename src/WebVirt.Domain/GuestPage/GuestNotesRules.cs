using System.Text;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.GuestPage;

/// <summary>A guest's description and tags as they may be stored: tags trimmed, each at most once.</summary>
public sealed record ValidatedNotes(string Description, IReadOnlyList<string> Tags);

/// <summary>
/// What the guest page accepts as a description and tags. Tags are short words people filter by,
/// so they are letters (any script) and digits with a few separators, and unique regardless of case.
/// </summary>
public static class GuestNotesRules
{
    public const int MaxDescriptionLength = 4000;
    public const int MaxTags = 32;
    public const int MaxTagLength = 64;
    public const string DescriptionField = "Description";
    public const string TagsField = "Tags";

    private const string TagPunctuation = "-_./:";

    public static ValidationResult<ValidatedNotes> Validate(string? description, IReadOnlyList<string?>? tags)
    {
        var problems = new List<ValidationProblem>();
        string text = description ?? string.Empty;
        if (text.Length > MaxDescriptionLength)
        {
            problems.Add(ValidationProblem.Create(DescriptionField, ValidationKeys.NotesDescriptionTooLong, MaxDescriptionLength, text.Length));
        }
        else if (!TextRules.IsClean(text, allowLineBreaks: true))
        {
            problems.Add(ValidationProblem.Create(DescriptionField, ValidationKeys.NotesDescriptionControlCharacters));
        }

        IReadOnlyList<string?> given = tags ?? [];
        if (given.Count > MaxTags)
        {
            problems.Add(ValidationProblem.Create(TagsField, ValidationKeys.NotesTooManyTags, MaxTags, given.Count));
        }

        var kept = new List<string>(given.Count);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string? raw in given)
        {
            string tag = (raw ?? string.Empty).Trim();
            if (tag.Length is 0 or > MaxTagLength)
            {
                problems.Add(ValidationProblem.Create(TagsField, ValidationKeys.NotesTagLength, Shown(tag), MaxTagLength));
            }
            else if (!IsTagText(tag))
            {
                problems.Add(ValidationProblem.Create(TagsField, ValidationKeys.NotesTagInvalid, Shown(tag)));
            }
            else if (!seen.Add(tag))
            {
                problems.Add(ValidationProblem.Create(TagsField, ValidationKeys.NotesTagDuplicate, tag));
            }
            else
            {
                kept.Add(tag);
            }
        }

        return ValidationResult<ValidatedNotes>.From(() => new ValidatedNotes(text, kept), problems);
    }

    private static bool IsTagText(string tag)
    {
        foreach (Rune rune in tag.EnumerateRunes())
        {
            // EnumerateRunes turns an unpaired surrogate into U+FFFD, which is no letter.
            if (!Rune.IsLetterOrDigit(rune) && !(rune.IsAscii && TagPunctuation.Contains((char)rune.Value, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }

    // A refused tag is echoed in the message; control characters in it are shown as escapes, not raw.
    private static string Shown(string tag)
    {
        var shown = new StringBuilder(tag.Length);
        foreach (char c in tag.Length > MaxTagLength ? tag[..MaxTagLength] + "…" : tag)
        {
            shown.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return shown.ToString();
    }
}
