using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests.Validation;

public sealed class UuidRulesTests
{
    [Theory]
    [InlineData("6f1c2b0e-4d1a-4c7e-9a0b-2f6d8e4c1a3b")]
    [InlineData("6F1C2B0E-4D1A-4C7E-9A0B-2F6D8E4C1A3B")]
    public void The_8_4_4_4_12_form_is_a_uuid_and_normalizes_to_lower_case(string value)
    {
        Assert.True(UuidRules.IsValid(value));
        Assert.Equal("6f1c2b0e-4d1a-4c7e-9a0b-2f6d8e4c1a3b", UuidRules.Normalize(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-uuid")]
    [InlineData("6f1c2b0e4d1a4c7e9a0b2f6d8e4c1a3b")]
    [InlineData("{6f1c2b0e-4d1a-4c7e-9a0b-2f6d8e4c1a3b}")]
    [InlineData("(6f1c2b0e-4d1a-4c7e-9a0b-2f6d8e4c1a3b)")]
    [InlineData(" 6f1c2b0e-4d1a-4c7e-9a0b-2f6d8e4c1a3b")]
    [InlineData("6f1c2b0e-4d1a-4c7e-9a0b-2f6d8e4c1a3b\n")]
    [InlineData("6f1c2b0e-4d1a-4c7e-9a0b-2f6d8e4c1a3g")]
    public void Anything_else_is_refused(string? value)
    {
        Assert.False(UuidRules.IsValid(value));
        Assert.Null(UuidRules.Normalize(value));
    }

    [Fact]
    public void Check_reports_the_printable_value_under_the_callers_key()
    {
        var problems = new List<ValidationProblem>();

        Assert.Null(UuidRules.Check("x\u0001y", "Source.TemplateUuid", ValidationKeys.TemplateUuidInvalid, problems));

        ValidationProblem problem = Assert.Single(problems);
        Assert.Equal("Source.TemplateUuid", problem.Field);
        Assert.Equal(ValidationKeys.TemplateUuidInvalid, problem.Key);
        Assert.DoesNotContain('\u0001', (string)problem.Args[0]);
    }

    [Fact]
    public void Check_returns_the_uuid_and_adds_nothing_when_it_is_one()
    {
        var problems = new List<ValidationProblem>();

        Assert.Equal(Guid.Parse("6f1c2b0e-4d1a-4c7e-9a0b-2f6d8e4c1a3b"), UuidRules.Check("6f1c2b0e-4d1a-4c7e-9a0b-2f6d8e4c1a3b", "Uuid", ValidationKeys.TemplateUuidInvalid, problems));
        Assert.Empty(problems);
    }
}
