using System.Globalization;
using WebVirt.Contracts;

namespace WebVirt.Web.Formatting;

/// <summary>An agent's validation problem in the user's language, from its key and arguments (worded by <see cref="AgentTexts"/>).</summary>
public static class ProblemText
{
    public static string Format(ProblemDto problem, CultureInfo culture) => AgentTexts.Format(problem, culture);

    /// <summary>The problem as shown under its own field (<see cref="AgentTexts.FormatAtField"/>).</summary>
    public static string AtField(ProblemDto problem, CultureInfo culture) => AgentTexts.FormatAtField(problem, culture);
}
