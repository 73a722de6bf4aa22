using System.Globalization;
using WebVirt.Contracts;
using WebVirt.Domain.Validation;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Session;

/// <summary>How pool, volume and network commands turn refusals and libvirt errors into <see cref="ActionResult"/>s.</summary>
internal static class ResourceResults
{
    public const string Invalid = "WEBVIRT_INVALID";
    public const string InUse = "WEBVIRT_IN_USE";

    /// <summary>Every problem in the caller's language, one a line, so the page can show them all at once.</summary>
    public static ActionResult Refused(IReadOnlyList<ValidationProblem> problems, string? culture)
    {
        var language = CultureFrom(culture);
        return ActionResult.Fail(Invalid, string.Join("\n", problems.Select(p => p.Format(language))));
    }

    /// <summary>Refused because guests use what was to be changed; <paramref name="problem"/> names them in the caller's language.</summary>
    public static ActionResult UsedBy(ValidationProblem problem, string? culture) => ActionResult.Fail(InUse, problem.Format(CultureFrom(culture)));

    public static ActionResult InUseBy(string what, IEnumerable<string> guests) =>
        ActionResult.Fail(InUse, $"{what} is used by: {string.Join(", ", guests.Order(StringComparer.Ordinal))}.");

    /// <summary>Runs a command, turning libvirt's errors into a failed result with its code and message.</summary>
    public static async Task<ActionResult> GuardAsync(Func<Task<ActionResult>> command)
    {
        try
        {
            return await command();
        }
        catch (LibvirtException ex)
        {
            return ActionResult.Fail(ex.CodeName, ex.Message, LibvirtErrorHints.For(ex));
        }
        catch (LibvirtUnavailableException ex)
        {
            return ActionResult.Fail("WEBVIRT_LIBVIRT_UNAVAILABLE", ex.Message, HintKeys.LibvirtDown);
        }
    }

    private static CultureInfo CultureFrom(string? name)
    {
        try
        {
            return string.IsNullOrWhiteSpace(name) ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(name);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }
}
