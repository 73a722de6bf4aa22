using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Cloning;

/// <summary>Either the clone's domain XML or every problem found, never both.</summary>
public sealed record CloneResult(string? Xml, IReadOnlyList<ValidationProblem> Problems)
{
    public bool IsValid => Xml is not null;
}
