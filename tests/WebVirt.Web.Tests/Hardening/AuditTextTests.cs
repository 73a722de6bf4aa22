using WebVirt.Logging;
using WebVirt.Web.Audit;

namespace WebVirt.Web.Tests.Hardening;

public sealed class AuditTextTests
{
    [Theory]
    [InlineData("host-1", 20, "host-1")]
    [InlineData("a\nforged line", 40, "a?forged line")]
    [InlineData("bell\u0007\u001b[31m", 40, "bell??[31m")]
    [InlineData("right\u202Eto-left", 40, "right?to-left")]
    [InlineData("abcdefghij", 5, "abcd…")]
    [InlineData("主机名称很长很长", 4, "主机名…")]
    [InlineData("x", 1, "x")]
    [InlineData("xy", 1, "…")]
    public void Caller_text_is_cleaned_and_bounded(string input, int max, string expected)
    {
        var result = AuditText.Sanitize(input, max);
        Assert.Equal(expected, result);
        Assert.True(result!.Length <= max);
    }

    [Fact]
    public void A_lone_surrogate_is_replaced()
    {
        // Built at run time: a lone surrogate does not survive in an attribute's UTF-8 metadata.
        var input = "lone " + (char)0xD800 + " surrogate";
        Assert.Equal("lone ? surrogate", AuditText.Sanitize(input, 40));
    }

    [Fact]
    public void Null_stays_null() => Assert.Null(AuditText.Sanitize(null, 10));

    [Fact]
    public void An_emoji_is_never_cut_in_half()
    {
        var result = AuditText.Sanitize("ab😀😀", 4);
        Assert.Equal("ab…", result);
    }

    [Theory]
    [InlineData("/console/h/u/vnc?ticket=abc", "/console/h/u/vnc?ticket=***")]
    [InlineData("?ticket=abc&access_token=def&flag", "?ticket=***&access_token=***&flag")]
    [InlineData("/plain/path", "/plain/path")]
    [InlineData("https://h/x?a=1#frag", "https://h/x?a=***")]
    public void Query_values_are_redacted(string input, string expected) =>
        Assert.Equal(expected, QueryStringRedactor.Redact(input));
}
