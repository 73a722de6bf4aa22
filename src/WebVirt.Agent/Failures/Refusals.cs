using System.Globalization;
using WebVirt.Contracts;
using WebVirt.Domain.Storage;
using WebVirt.Domain.Validation;

namespace WebVirt.Agent.Failures;

/// <summary>
/// The Domain's validation problems as they travel to a console: their resource key and invariant
/// arguments, never a text. The console words them from the same catalogue in the user's language.
/// </summary>
internal static class Refusals
{
    public static ProblemDto ToDto(ValidationProblem problem) =>
        new(problem.Field, problem.Key, [.. problem.Args.Select(Argument)]);

    public static IReadOnlyList<ProblemDto> ToDtos(IEnumerable<ValidationProblem> problems) => [.. problems.Select(ToDto)];

    /// <summary>Refused input (<see cref="ErrorCodes.InputInvalid"/>): every problem, so the page can show them all at once.</summary>
    public static ActionResult Refused(IEnumerable<ValidationProblem> problems) => ActionResult.Refused(ToDtos(problems));

    /// <summary>Refused because guests use what was to be changed (<see cref="ErrorCodes.InUse"/>); <paramref name="problem"/> names them.</summary>
    public static ActionResult InUse(ValidationProblem problem) => ActionResult.Refused([ToDto(problem)], ErrorCodes.InUse);

    /// <summary>A note on a change that succeeded, worded by the console like a problem.</summary>
    public static AgentText Note(ValidationProblem problem) => new(problem.Key, [.. problem.Args.Select(Argument)]);

    private static string Argument(object? argument) => argument switch
    {
        VolumeUserList users => GuestUsersArgument.Encode(users.Users.Select(u => (u.Guest, u.ThroughBacking))),
        _ => Convert.ToString(argument, CultureInfo.InvariantCulture) ?? "",
    };
}
