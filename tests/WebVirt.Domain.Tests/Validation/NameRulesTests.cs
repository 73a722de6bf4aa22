using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests.Validation;

public sealed class NameRulesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("web-01.example_2")]
    [InlineData("0")]
    public void A_name_starting_with_a_letter_or_digit_fits(string name)
    {
        var problems = new List<ValidationProblem>();

        Assert.True(NameRules.CheckIdentifier(name, "Name", problems));
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-lead")]
    [InlineData(".hidden")]
    [InlineData("a/b")]
    [InlineData("a b")]
    [InlineData("name\n")]
    [InlineData("gäst")]
    public void Anything_else_is_refused_with_the_name_message(string? name)
    {
        var problems = new List<ValidationProblem>();

        Assert.False(NameRules.CheckIdentifier(name, "Name", problems));

        ValidationProblem problem = Assert.Single(problems);
        Assert.Equal(ValidationKeys.NameInvalid, problem.Key);
        Assert.Equal("Name", problem.Field);
    }

    [Fact]
    public void Names_are_at_most_64_characters()
    {
        Assert.True(NameRules.IsValidIdentifier(new string('a', NameRules.MaxNameLength)));
        Assert.False(NameRules.IsValidIdentifier(new string('a', NameRules.MaxNameLength + 1)));
    }

    [Fact]
    public void A_taken_name_is_refused_with_the_callers_duplicate_key_after_the_shape_check()
    {
        var problems = new List<ValidationProblem>();

        NameRules.CheckName("default", ["default"], ValidationKeys.NameDuplicate, "Name", problems);
        NameRules.CheckName("-bad", ["-bad"], ValidationKeys.NameDuplicate, "Name", problems);

        Assert.Equal([ValidationKeys.NameDuplicate, ValidationKeys.NameInvalid], problems.Select(p => p.Key));
    }
}
