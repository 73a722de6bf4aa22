using System.Globalization;
using WebVirt.Contracts;
using WebVirt.Web.Formatting;

namespace WebVirt.Web.Components.Pages;

/// <summary>
/// The wizard's problems and warnings: the agent's refusals shown at their fields and steps, and
/// warnings below the chosen OS's minimums.
/// </summary>
public partial class CreateGuestPage
{
    /// <summary>Below the chosen OS's minimum: warned while typing, not refused (the user may know better).</summary>
    private IEnumerable<ProblemDto> MinimumWarnings
    {
        get
        {
            if (_os is null)
            {
                yield break;
            }

            // A value the agent refused gets its one message at the field, not a second one here.
            if (_os.MinimumVCpus is int cpus && _m.VCpus < cpus && !HasProblem("VCpus"))
            {
                yield return Warning("VCpus", "OsMinimum.VCpus", cpus, _m.VCpus);
            }

            if (_os.MinimumMemoryMiB is long memory && _m.MemoryMiB < memory && !HasProblem("MemoryMiB"))
            {
                yield return Warning("MemoryMiB", "OsMinimum.Memory", memory, _m.MemoryMiB);
            }

            if (_os.MinimumDiskGiB is long disk && _m.Disk == GuestDiskKind.NewVolume && _m.DiskSizeGiB < disk && !HasProblem("Disk.SizeGiB"))
            {
                yield return Warning("Disk.SizeGiB", "OsMinimum.Disk", disk, _m.DiskSizeGiB);
            }
        }
    }

    private ProblemDto Warning(string field, string key, long minimum, long value) =>
        new(field, key, [_os!.Name, minimum.ToString(CultureInfo.InvariantCulture), value.ToString(CultureInfo.InvariantCulture)]);

    private static int StepOf(string field)
    {
        for (int i = 0; i < StepFields.Length; i++)
        {
            if (StepFields[i].Any(f => field == f || field.StartsWith(f + ".", StringComparison.Ordinal)))
            {
                return i;
            }
        }

        return StepFields.Length - 1;
    }

    /// <summary>A field's problem goes as soon as the user changes it; Next checks the new value again.</summary>
    private void Edited(string field) =>
        _problems = [.. _problems.Where(p => !Concerns(p, field))];

    private bool StepHasError(int step) => _problems.Any(p => StepOf(p.Field) == step);

    private bool HasProblem(string field) => _problems.Any(p => Concerns(p, field));

    private string? ProblemFor(string field) =>
        _problems.Where(p => Concerns(p, field))
            .Select(p => ProblemText.AtField(p, CultureInfo.CurrentUICulture))
            .FirstOrDefault();

    /// <summary>A problem of the field itself or of one of its parts ("Disk" covers "Disk.SizeGiB").</summary>
    private static bool Concerns(ProblemDto problem, string field) =>
        problem.Field == field || problem.Field.StartsWith(field + ".", StringComparison.Ordinal);
}
