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

public static class Refused
{
    /// <summary>Asserts <paramref name="result"/> is refused for <paramref name="key"/> on <paramref name="field"/> and nothing came out.</summary>
    public static ValidationProblem Assert<T>(ValidationResult<T> result, string field, string key)
        where T : class
    {
        Xunit.Assert.False(result.IsValid);
        Xunit.Assert.Null(result.Value);
        ValidationProblem problem = Xunit.Assert.Single(result.Problems, p => p.Key == key);
        Xunit.Assert.Equal(field, problem.Field);
        Xunit.Assert.False(string.IsNullOrWhiteSpace(problem.DefaultMessage));
        return problem;
    }

    public static T Valid<T>(ValidationResult<T> result)
        where T : class
    {
        Xunit.Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Xunit.Assert.Empty(result.Problems);
        return result.Value!;
    }
}
