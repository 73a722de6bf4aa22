using System.Globalization;
using System.Resources;
using WebVirt.Contracts;

namespace WebVirt.Web.Formatting;

/// <summary>
/// Words what an agent reports (<see cref="AgentText"/>: a code and arguments) in the user's
/// language from Resources/AgentTextResource. An unknown code (a newer agent) shows as the code
/// and its arguments, never as nothing.
/// </summary>
public static class AgentTexts
{
    private static readonly ResourceManager Catalogue = new("WebVirt.Web.Resources.AgentTextResource", typeof(AgentTexts).Assembly);

    public static string Format(AgentText text) => Format(text, CultureInfo.CurrentUICulture);

    public static string Format(AgentText text, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? template = Catalogue.GetString(text.Code, culture);
        if (template is null)
        {
            return text.ToString();
        }

        try
        {
            return string.Format(culture, template, [.. text.Args]);
        }
        catch (FormatException)
        {
            return text.ToString();
        }
    }

    /// <summary>What to show for a failed command: the agent's coded text in the user's language, else its message, else its code.</summary>
    public static string Describe(ActionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Text is { } text ? Format(text, CultureInfo.CurrentUICulture) : result.Message ?? result.ErrorCode ?? "";
    }
}
