using System.Globalization;

namespace WebVirt.Domain.Validation;

/// <summary>
/// One refusal: <paramref name="Key"/> names the text in Resources/ValidationMessages so the web
/// can show it in the user's language; <paramref name="DefaultMessage"/> is the English text.
/// </summary>
public sealed record ValidationProblem(string Field, string Key, string DefaultMessage, IReadOnlyList<object> Args)
{
    public string Format(CultureInfo culture) => ValidationMessages.Format(Key, Args, culture);

    public override string ToString() => $"{Field}: {string.Format(CultureInfo.InvariantCulture, DefaultMessage, [.. Args])}";

    internal static ValidationProblem Create(string field, string key, params object[] args) =>
        new(field, key, ValidationMessages.Template(key, CultureInfo.InvariantCulture), args);
}
