using System.Globalization;
using WebVirt.Domain.GuestPage;
using WebVirt.Domain.Tests.Support;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests.GuestPage;

public sealed class GuestNotesRulesTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");

    [Fact]
    public void Notes_with_a_multi_line_description_and_tags_in_any_script_are_accepted_trimmed()
    {
        ValidatedNotes notes = Refused.Valid(GuestNotesRules.Validate("web server\nowner: ops\tteam", [" prod ", "数据库", "eu-west/1:a_b.c", new string('x', 64)]));

        Assert.Equal("web server\nowner: ops\tteam", notes.Description);
        Assert.Equal(["prod", "数据库", "eu-west/1:a_b.c", new string('x', 64)], notes.Tags);
    }

    [Fact]
    public void No_description_and_no_tags_are_empty_notes()
    {
        ValidatedNotes notes = Refused.Valid(GuestNotesRules.Validate(null, null));

        Assert.Equal((string.Empty, 0), (notes.Description, notes.Tags.Count));
    }

    [Fact]
    public void A_description_over_4000_characters_is_refused()
    {
        Assert.True(GuestNotesRules.Validate(new string('a', 4000), []).IsValid);

        ValidationProblem problem = Refused.Assert(GuestNotesRules.Validate(new string('a', 4001), []), "Description", ValidationKeys.NotesDescriptionTooLong);

        Assert.Equal("The description must be at most 4000 characters long; it has 4001.", problem.Format(English));
        Assert.Equal("描述最多 4000 个字符；当前为 4001 个。", problem.Format(Chinese));
    }

    [Theory]
    [InlineData("bell\a")]
    [InlineData("nul\0")]
    [InlineData("escape\u001b[31m")]
    [InlineData("line\u2028separator")]
    public void A_description_with_control_characters_is_refused(string description)
    {
        ValidationProblem problem = Refused.Assert(GuestNotesRules.Validate(description, []), "Description", ValidationKeys.NotesDescriptionControlCharacters);

        Assert.Equal("The description must not contain control characters (line breaks and tabs are fine).", problem.Format(English));
        Assert.Equal("描述不能包含控制字符（换行和制表符除外）。", problem.Format(Chinese));
    }

    [Fact]
    public void More_than_32_tags_are_refused()
    {
        Assert.True(GuestNotesRules.Validate("", [.. Enumerable.Range(0, 32).Select(i => $"t{i}")]).IsValid);

        ValidationProblem problem = Refused.Assert(GuestNotesRules.Validate("", [.. Enumerable.Range(0, 33).Select(i => $"t{i}")]), "Tags", ValidationKeys.NotesTooManyTags);

        Assert.Equal("At most 32 tags are allowed; got 33.", problem.Format(English));
        Assert.Equal("最多允许 32 个标签；当前为 33 个。", problem.Format(Chinese));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void An_empty_tag_is_refused(string? tag)
    {
        ValidationProblem problem = Refused.Assert(GuestNotesRules.Validate("", [tag]), "Tags", ValidationKeys.NotesTagLength);

        Assert.Equal("Tag “” must be 1 to 64 characters long.", problem.Format(English));
        Assert.Equal("标签“”的长度必须为 1 到 64 个字符。", problem.Format(Chinese));
    }

    [Fact]
    public void A_tag_over_64_characters_is_refused_and_shown_shortened()
    {
        ValidationProblem problem = Refused.Assert(GuestNotesRules.Validate("", [new string('x', 65)]), "Tags", ValidationKeys.NotesTagLength);

        Assert.Equal($"Tag “{new string('x', 64)}…” must be 1 to 64 characters long.", problem.Format(English));
    }

    [Theory]
    [InlineData("two words", "two words")]
    [InlineData("semi;colon", "semi;colon")]
    [InlineData("<b>", "<b>")]
    [InlineData("tab\there", "tab\\u0009here")]
    [InlineData("emoji😀", "emoji😀")]
    public void A_tag_with_other_characters_is_refused(string tag, string shown)
    {
        ValidationProblem problem = Refused.Assert(GuestNotesRules.Validate("", [tag]), "Tags", ValidationKeys.NotesTagInvalid);

        Assert.Equal($"Tag “{shown}” may contain only letters, digits and the characters - _ . / :", problem.Format(English));
        Assert.Equal($"标签“{shown}”只能包含字母、数字以及字符 - _ . / :", problem.Format(Chinese));
    }

    [Fact]
    public void A_tag_listed_twice_in_any_case_is_refused()
    {
        ValidationProblem problem = Refused.Assert(GuestNotesRules.Validate("", ["Prod", "db", "PROD"]), "Tags", ValidationKeys.NotesTagDuplicate);

        Assert.Equal("Tag “PROD” is listed more than once (tags are compared ignoring case).", problem.Format(English));
        Assert.Equal("标签“PROD”重复出现（比较标签时不区分大小写）。", problem.Format(Chinese));
    }

    [Fact]
    public void Every_problem_is_reported_at_once() =>
        Assert.Equal(
            [ValidationKeys.NotesDescriptionControlCharacters, ValidationKeys.NotesTagInvalid, ValidationKeys.NotesTagDuplicate],
            GuestNotesRules.Validate("\a", ["a b", "x", "X"]).Problems.Select(p => p.Key));
}
