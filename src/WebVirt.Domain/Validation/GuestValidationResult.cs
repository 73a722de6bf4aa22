namespace WebVirt.Domain.Validation;

/// <summary>Either a <see cref="ValidatedGuest"/> or every problem found, never both.</summary>
public sealed record GuestValidationResult(ValidatedGuest? Guest, IReadOnlyList<ValidationProblem> Problems)
{
    public bool IsValid => Guest is not null;
}
