namespace WebVirt.Domain.Validation;

/// <summary>
/// Memory sizes in MiB. A value out of range is refused with one message that says which value is
/// wrong and what range fits; nothing here (nor in the forms) moves a value into range by itself.
/// </summary>
public static class MemoryRules
{
    /// <summary>The least a guest gets: below it QEMU's firmware and any kernel fail to boot.</summary>
    public const long MinimumMiB = 64;

    /// <summary>A new guest's memory (the wizard, a clone): from <see cref="MinimumMiB"/> to what the host has.</summary>
    public static void CheckSize(long miB, long hostMiB, string field, List<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (miB < MinimumMiB)
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.MemoryTooSmall, MinimumMiB, miB));
        }
        else if (miB > hostMiB)
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.MemoryTooLarge, hostMiB, miB));
        }
    }

    /// <summary>
    /// An existing guest's current (balloon) and maximum memory: at most one problem for each,
    /// and the current size is compared with the maximum only when the maximum itself fits.
    /// </summary>
    public static void CheckCurrentAndMaximum(long currentMiB, long maximumMiB, long hostMiB, List<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        bool maximumFits = maximumMiB >= MinimumMiB && maximumMiB <= hostMiB;
        if (!maximumFits)
        {
            problems.Add(ValidationProblem.Create("MaximumMiB", ValidationKeys.MemoryMaximumOutOfRange, MinimumMiB, hostMiB, maximumMiB));
        }

        if (currentMiB < MinimumMiB)
        {
            problems.Add(ValidationProblem.Create("CurrentMiB", ValidationKeys.MemoryCurrentTooSmall, MinimumMiB, currentMiB));
        }
        else if (maximumFits && currentMiB > maximumMiB)
        {
            problems.Add(ValidationProblem.Create("CurrentMiB", ValidationKeys.MemoryCurrentAboveMax, currentMiB, maximumMiB));
        }
    }
}
