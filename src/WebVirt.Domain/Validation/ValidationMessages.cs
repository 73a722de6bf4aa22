using System.Globalization;
using System.Resources;

namespace WebVirt.Domain.Validation;

/// <summary>Looks up the translated template of a <see cref="ValidationKeys"/> key.</summary>
public static class ValidationMessages
{
    private static readonly ResourceManager Resources =
        new("WebVirt.Domain.Resources.ValidationMessages", typeof(ValidationMessages).Assembly);

    /// <summary>The template for <paramref name="culture"/>, falling back to English.</summary>
    public static string Template(string key, CultureInfo culture) =>
        Resources.GetString(key, culture)
        ?? throw new KeyNotFoundException($"no validation message for key '{key}'");

    public static string Format(string key, IReadOnlyList<object> args, CultureInfo culture) =>
        string.Format(culture, Template(key, culture), [.. args]);

    public static string Format(ValidationProblem problem, CultureInfo culture) => Format(problem.Key, problem.Args, culture);
}
