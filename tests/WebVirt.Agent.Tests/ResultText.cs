using System.Globalization;
using WebVirt.Contracts;
using WebVirt.Domain.Validation;

namespace WebVirt.Agent.Tests;

/// <summary>
/// A result's refusals and notes worded from the Domain's validation catalogue, as a console shows
/// them: the agent sends only keys and arguments, so these tests word them to check what a user reads.
/// Codes of <see cref="ErrorCodes"/> stay as code and arguments (the console's catalogue words them; its own tests check that).
/// </summary>
internal static class ResultText
{
    public static string Of(ActionResult result, string culture = "en")
    {
        var language = CultureInfo.GetCultureInfo(culture);
        if (result.Notice is { } notice)
        {
            return Word(notice.Code, notice.Args, language);
        }

        return result.Problems is { Count: > 0 } problems
            ? string.Join("\n", problems.Select(p => Word(p.Key, p.Args, language)))
            : result.ToString();
    }

    private static string Word(string key, IReadOnlyList<string> args, CultureInfo culture) =>
        ValidationMessages.Format(key, [.. args.Select(a => Argument(a, culture))], culture);

    private static object Argument(string argument, CultureInfo culture) =>
        GuestUsersArgument.TryDecode(argument) is { } users
            ? string.Join(", ", users.Select(u => u.ThroughBacking
                ? string.Format(culture, ValidationMessages.Template(ValidationKeys.VolumeUserThroughBacking, culture), u.Guest)
                : u.Guest))
            : argument;
}
