using System.Globalization;
using System.Resources;
using WebVirt.Contracts;
using WebVirt.Domain.Validation;

namespace WebVirt.Web.Formatting;

/// <summary>
/// The one place a failure, a note or a refused value from an agent (or from the console's own
/// gateway) becomes text, in the user's language: a code of <see cref="ErrorCodes"/> from
/// Resources/AgentTextResource, a Domain validation key from the Domain's ValidationMessages, a
/// libvirt VIR_ERR_* name as libvirt's message under one template. An unknown code (a newer
/// agent) shows as the code and its arguments, never as nothing.
/// </summary>
public static class AgentTexts
{
    /// <summary>The catalogue's text for libvirt's errors; {0}: libvirt's error name, {1}: libvirt's message.</summary>
    public const string LibvirtKey = "Libvirt.Error";

    /// <summary>The catalogue's words for the domain's "{0} is required." under its field.</summary>
    public const string RequiredAtFieldKey = "Value.Required.AtField";

    private static readonly ResourceManager Catalogue = new("WebVirt.Web.Resources.AgentTextResource", typeof(AgentTexts).Assembly);
    private static readonly ResourceManager Validation = new("WebVirt.Web.Resources.ValidationMessages", typeof(AgentTexts).Assembly);

    public static string Format(AgentText text) => FormatIn(text, CultureInfo.CurrentUICulture);

    /// <summary>In a named language; no overload of the culture-less one, so a caller cannot pick the wrong one by accident.</summary>
    public static string FormatIn(AgentText text, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Word(text.Code, text.Args, culture);
    }

    public static string Format(Failure failure) => FormatIn(failure, CultureInfo.CurrentUICulture);

    public static string FormatIn(Failure failure, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return Word(failure.Code, failure.Args, culture);
    }

    public static string Format(TaskText text) => FormatIn(text, CultureInfo.CurrentUICulture);

    /// <summary>
    /// A task's log line or error; a step's cause is worded first and fills the placeholder after the
    /// arguments. Text an older agent stored in plain words is shown as it is.
    /// </summary>
    public static string FormatIn(TaskText text, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Code == TaskText.StoredCode)
        {
            return text.Args.Count > 0 ? text.Args[0] : "";
        }

        return text.Cause is { } cause ? Word(text.Code, [.. text.Args, FormatIn(cause, culture)], culture, worded: text.Args.Count) : Word(text.Code, text.Args, culture);
    }

    /// <summary>A task's log line: its time (the user's clock and culture), then its text; a line an older agent stored is shown as it is.</summary>
    public static string FormatIn(TaskLogEntry entry, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(entry);
        string text = FormatIn(entry.Text, culture);
        return entry.At is { } at ? at.ToLocalTime().ToString("T", culture) + " " + text : text;
    }

    public static string Format(ProblemDto problem, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Word(problem.Key, problem.Args, culture);
    }

    /// <summary>
    /// A problem shown under the field it concerns: a missing value is said without naming the field,
    /// whose label is right above (the agent names it by its internal name, "Source.VolumePath").
    /// </summary>
    public static string FormatAtField(ProblemDto problem, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.Key == ValidationKeys.Required ? Catalogue.GetString(RequiredAtFieldKey, culture) ?? Format(problem, culture) : Format(problem, culture);
    }

    /// <summary>What to show for a command's outcome: on failure its problems or else its failure; on success its note, or nothing.</summary>
    public static string Describe(ActionResult result) => DescribeIn(result, CultureInfo.CurrentUICulture);

    public static string DescribeIn(ActionResult result, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Ok)
        {
            return result.Notice is { } notice ? FormatIn(notice, culture) : "";
        }

        if (result.Problems is { Count: > 0 } problems)
        {
            return string.Join(" ", problems.Select(p => Format(p, culture)));
        }

        return result.Error is { } failure ? FormatIn(failure, culture) : "";
    }

    public static string Describe(ProvisioningResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Describe(result.AsAction());
    }

    /// <summary>The failure's text, or null when there is none.</summary>
    public static string? Describe(Failure? failure) => failure is null ? null : Format(failure);

    /// <summary>The text that words <paramref name="code"/> in <paramref name="culture"/>, or null when no catalogue has one.</summary>
    public static string? Template(string code, CultureInfo culture) =>
        code.StartsWith(ErrorCodes.LibvirtPrefix, StringComparison.Ordinal)
            ? Catalogue.GetString(LibvirtKey, culture)
            : Catalogue.GetString(code, culture) ?? Validation.GetString(code, culture);

    /// <param name="worded">Arguments from this index on are text worded already (a cause), used as they are.</param>
    private static string Word(string code, IReadOnlyList<string> args, CultureInfo culture, int worded = int.MaxValue)
    {
        string? template = Template(code, culture);
        if (template is null)
        {
            return Fallback(code, args);
        }

        // libvirt's own errors share one text: the error's name, then libvirt's message.
        IEnumerable<string> given = code.StartsWith(ErrorCodes.LibvirtPrefix, StringComparison.Ordinal) ? [code, .. args.Take(1)] : args;
        try
        {
            return string.Format(culture, template, [.. given.Select((a, i) => i >= worded ? a : Argument(a, culture))]);
        }
        catch (FormatException)
        {
            return Fallback(code, args);
        }
    }

    /// <summary>
    /// A list of guests is worded here, each marked when it uses the volume only through a backing
    /// file; so are a task's byte counts and lists of what it left behind (<see cref="TaskArguments"/>).
    /// </summary>
    private static object Argument(string argument, CultureInfo culture)
    {
        if (TaskArguments.TryBytes(argument) is long bytes)
        {
            return Sizes.FromBytes(bytes, culture);
        }

        if (TaskArguments.TryLeftovers(argument) is { } leftovers)
        {
            return Leftovers(leftovers, culture);
        }

        if (GuestUsersArgument.TryDecode(argument) is not { } users)
        {
            return argument;
        }

        string through = Validation.GetString("Volume.UserThroughBacking", culture) ?? "{0}";
        return string.Join(", ", users.Select(u => u.ThroughBacking ? string.Format(culture, through, u.Guest) : u.Guest));
    }

    /// <summary>What a task made, worded ("volume NAME in pool POOL", "guest UUID"); an empty list is the catalogue's word for nothing.</summary>
    public static string Leftovers(IEnumerable<string> stored, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var worded = stored.Select(s => Leftover(s, culture)).ToList();
        return worded.Count == 0 ? Catalogue.GetString(ErrorCodes.TaskNothing, culture) ?? "" : string.Join(", ", worded);
    }

    private static string Leftover(string stored, CultureInfo culture)
    {
        if (stored.StartsWith(TaskArguments.GuestPrefix, StringComparison.Ordinal))
        {
            return string.Format(culture, Catalogue.GetString(ErrorCodes.TaskLeftoverGuest, culture) ?? "{0}", stored[TaskArguments.GuestPrefix.Length..]);
        }

        // Neither a pool nor a volume name can hold a slash, so the first one separates them.
        int slash = stored.IndexOf('/', StringComparison.Ordinal);
        return stored.StartsWith(TaskArguments.VolumePrefix, StringComparison.Ordinal) && slash > TaskArguments.VolumePrefix.Length
            ? string.Format(culture, Catalogue.GetString(ErrorCodes.TaskLeftoverVolume, culture) ?? "{0}/{1}", stored[TaskArguments.VolumePrefix.Length..slash], stored[(slash + 1)..])
            : stored;
    }

    private static string Fallback(string code, IReadOnlyList<string> args) =>
        args.Count == 0 ? code : $"{code}({string.Join(", ", args.Select(a => GuestUsersArgument.TryDecode(a) is { } users ? string.Join(" ", users.Select(u => u.Guest)) : a))})";
}
