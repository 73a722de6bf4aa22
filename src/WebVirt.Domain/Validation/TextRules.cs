using System.Xml;

namespace WebVirt.Domain.Validation;

/// <summary>
/// Free text may hold any character XML can carry (the XML builder escapes it), except control
/// characters; <c>allowLineBreaks</c> lets a description span lines.
/// </summary>
public static class TextRules
{
    public const int MaxDescriptionLength = 2000;
    public const int MaxKernelArgsLength = 1024;
    public const int MaxUrlLength = 2048;
    public const int MaxPathLength = 4096;

    public static bool Check(string? text, string field, int maxLength, bool allowLineBreaks, List<ValidationProblem> problems)
    {
        if (text is null)
        {
            return true;
        }

        if (text.Length > maxLength)
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.TextTooLong, field, maxLength));
            return false;
        }

        if (!IsClean(text, allowLineBreaks))
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.TextControlCharacters, field));
            return false;
        }

        return true;
    }

    public static bool IsClean(string text, bool allowLineBreaks)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (allowLineBreaks && (c == '\n' || c == '\r' || c == '\t'))
            {
                continue;
            }

            if (char.IsControl(c) || c == '\u2028' || c == '\u2029')
            {
                return false;
            }

            // Unpaired surrogates and U+FFFE/U+FFFF cannot be written to XML at all.
            if (char.IsSurrogate(c))
            {
                if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
                {
                    i++;
                    continue;
                }

                return false;
            }

            if (!XmlConvert.IsXmlChar(c))
            {
                return false;
            }
        }

        return true;
    }
}
