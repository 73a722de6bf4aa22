namespace WebVirt.Domain.Validation;

/// <summary>Either the validated <typeparamref name="T"/> or every problem found, never both.</summary>
public sealed record ValidationResult<T>(T? Value, IReadOnlyList<ValidationProblem> Problems)
    where T : class
{
    public bool IsValid => Value is not null;

    internal static ValidationResult<T> From(Func<T> build, List<ValidationProblem> problems) =>
        problems.Count > 0 ? new ValidationResult<T>(null, problems) : new ValidationResult<T>(build(), problems);

    internal static ValidationResult<T> Refused(List<ValidationProblem> problems) => new(null, problems);
}
