using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using WebVirt.Domain.Tests.Support;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests;

public sealed partial class ValidationMessagesTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static TheoryData<string> Keys() => new(AllKeys());

    private static string[] AllKeys() =>
        typeof(ValidationKeys).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!).ToArray();

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_key_has_english_and_chinese_text_with_the_same_placeholders(string key)
    {
        string english = ValidationMessages.Template(key, English);
        string chinese = ValidationMessages.Template(key, Chinese);

        Assert.NotEqual(english, chinese);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", chinese);
        Assert.Equal(Placeholders(english), Placeholders(chinese));
    }

    [Fact]
    public void The_resx_has_no_keys_beyond_the_constants()
    {
        var manager = new ResourceManager("WebVirt.Domain.Resources.ValidationMessages", typeof(ValidationMessages).Assembly);
        ResourceSet set = manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!;
        string[] inResx = set.Cast<DictionaryEntry>().Select(e => (string)e.Key).Order().ToArray();
        Assert.Equal(AllKeys().Order(), inResx);
    }

    [Fact]
    public void A_problem_formats_in_english_and_in_simplified_chinese()
    {
        using var pool = new FakePool();
        ValidationProblem problem = Refusal.Assert(Specs.Iso(pool) with { MemoryMiB = 9000 }, Hosts.For(pool), "MemoryMiB", ValidationKeys.MemoryTooLarge);

        Assert.Equal("Memory must not exceed the host's 8192 MiB; got 9000 MiB.", problem.Format(English));
        Assert.Equal("内存不能超过主机的 8192 MiB；当前为 9000 MiB。", problem.Format(Chinese));
        Assert.Equal(problem.Format(English), ValidationMessages.Format(problem, CultureInfo.GetCultureInfo("fr")));
        Assert.Equal(ValidationMessages.Template(ValidationKeys.MemoryTooLarge, English), problem.DefaultMessage);
    }

    [Fact]
    public void Chinese_is_found_from_regional_cultures_too() =>
        Assert.Equal(
            ValidationMessages.Template(ValidationKeys.NameDuplicate, Chinese),
            ValidationMessages.Template(ValidationKeys.NameDuplicate, CultureInfo.GetCultureInfo("zh-CN")));

    private static string[] Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).Distinct().Order().ToArray();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
