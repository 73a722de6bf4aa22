using WebVirt.Domain.Guests;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests.Support;

public static class Refusal
{
    /// <summary>Asserts the spec is refused for <paramref name="key"/> on <paramref name="field"/> and no guest comes out.</summary>
    public static ValidationProblem Assert(GuestSpec spec, HostLimits host, string field, string key)
    {
        GuestValidationResult result = GuestSpecValidator.Validate(spec, host);
        Xunit.Assert.False(result.IsValid);
        Xunit.Assert.Null(result.Guest);
        ValidationProblem problem = Xunit.Assert.Single(result.Problems, p => p.Key == key);
        Xunit.Assert.Equal(field, problem.Field);
        Xunit.Assert.False(string.IsNullOrWhiteSpace(problem.DefaultMessage));
        return problem;
    }
}
