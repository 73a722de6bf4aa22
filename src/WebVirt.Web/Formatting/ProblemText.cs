using System.Globalization;
using System.Resources;
using WebVirt.Contracts;

namespace WebVirt.Web.Formatting;

/// <summary>An agent's validation problem in the user's language, from its key and arguments; the agent's English text when the key is unknown here.</summary>
public static class ProblemText
{
    private static readonly ResourceManager Messages = new("WebVirt.Web.Resources.ValidationMessages", typeof(ProblemText).Assembly);

    public static string Format(ProblemDto problem, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(problem);
        string? template = Messages.GetString(problem.Key, culture);
        if (template is null)
        {
            return problem.Message;
        }

        try
        {
            return string.Format(culture, template, [.. problem.Args]);
        }
        catch (FormatException)
        {
            return problem.Message;
        }
    }
}
