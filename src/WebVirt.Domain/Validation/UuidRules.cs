namespace WebVirt.Domain.Validation;

/// <summary>
/// The one rule for what a UUID of a guest, pool or network looks like when it reaches us: 32 hex
/// digits in groups of 8-4-4-4-12, the form libvirt writes. Braces, parentheses and the bare
/// 32-digit form are refused, so every caller accepts and stores the same text.
/// </summary>
public static class UuidRules
{
    /// <summary>The length of a UUID in the 8-4-4-4-12 form.</summary>
    public const int Length = 36;

    public static bool IsValid(string? value) => TryParse(value, out _);

    /// <summary>The UUID as libvirt and the inventory write it (lower case), or null when it is not a UUID.</summary>
    public static string? Normalize(string? value) => TryParse(value, out Guid parsed) ? parsed.ToString("D") : null;

    /// <remarks>The length check matters: <see cref="Guid.TryParseExact(string?, string?, out Guid)"/> trims white space.</remarks>
    public static bool TryParse(string? value, out Guid uuid)
    {
        uuid = Guid.Empty;
        return value is { Length: Length } && Guid.TryParseExact(value, "D", out uuid);
    }

    /// <summary>Refuses a value that is not a UUID with <paramref name="key"/>'s message; returns the parsed UUID when it is one.</summary>
    public static Guid? Check(string? value, string field, string key, List<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (TryParse(value, out Guid uuid))
        {
            return uuid;
        }

        problems.Add(ValidationProblem.Create(field, key, PoolPathRules.Printable(value ?? string.Empty)));
        return null;
    }
}
