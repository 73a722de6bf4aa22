using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Components.Dashboard;
using WebVirt.Web.Components.Storage;
using WebVirt.Web.Formatting;
using WebVirt.Web.Security;
using WebVirt.Web.Storage;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests;

/// <summary>What the agent reports as a code and arguments is worded by the web, in English and in Chinese.</summary>
public sealed partial class AgentTextsTests : BunitContext, IAsyncLifetime
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public AgentTextsTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = English;
        Services.AddLocalization();
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<UploadTickets>();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    /// <summary>Every code of the catalogue; libvirt's family shares one text.</summary>
    public static TheoryData<string> Codes() => new(CatalogueCodes().Append(AgentTexts.LibvirtKey));

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => this.DisposeOnDispatcherAsync();

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_code_has_english_and_chinese_text_with_the_same_placeholders(string code)
    {
        var catalogue = new ResourceManager("WebVirt.Web.Resources.AgentTextResource", typeof(AgentTexts).Assembly);
        string english = catalogue.GetString(code, English) ?? throw new KeyNotFoundException(code);
        string chinese = catalogue.GetString(code, Chinese) ?? throw new KeyNotFoundException(code);

        Assert.NotEqual(english, chinese);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", chinese);
        Assert.Equal(Placeholders(english), Placeholders(chinese));
    }

    [Fact]
    public void A_missing_dev_kvm_reads_in_chinese_on_the_host_card()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = Chinese;
        var host = HostSamples.Host("h1", kvmReady: false);

        var card = Render<HostCard>(parameters => parameters.Add(p => p.Host, new HostView("h1", "h1", AgentLinkState.Connected, null, host)));

        Assert.Contains("/dev/kvm 不存在", card.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("does not exist", card.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_coded_failure_is_described_in_the_users_language_and_an_unknown_code_is_not_lost()
    {
        var failure = ActionResult.Fail(ErrorCodes.GuestUuidInvalid, "nope");
        CultureInfo.CurrentUICulture = Chinese;

        Assert.Equal("“nope”不是虚拟机 UUID。", AgentTexts.Describe(failure));
        Assert.Equal("Newer.Code(a, 1)", AgentTexts.Format(AgentText.Of("Newer.Code", "a", "1")));
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_codes_text_uses_exactly_the_arguments_its_catalogue_entry_documents(string code)
    {
        var catalogue = new ResourceManager("WebVirt.Web.Resources.AgentTextResource", typeof(AgentTexts).Assembly);
        string documented = code == AgentTexts.LibvirtKey ? "{0} {1}" : DocumentedArguments()[code];

        Assert.Equal(Placeholders(documented).Distinct(), Placeholders(catalogue.GetString(code, English)!).Distinct());
    }

    [Fact]
    public void The_catalogue_has_no_text_for_a_code_that_is_gone_and_shadows_no_validation_key()
    {
        var catalogue = new ResourceManager("WebVirt.Web.Resources.AgentTextResource", typeof(AgentTexts).Assembly);
        var validation = new ResourceManager("WebVirt.Web.Resources.ValidationMessages", typeof(AgentTexts).Assembly);
        var keys = catalogue.GetResourceSet(English, createIfNotExists: true, tryParents: true)!.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key);

        Assert.Empty(keys.Except(CatalogueCodes().Append(AgentTexts.LibvirtKey).Append(AgentTexts.RequiredAtFieldKey)));
        Assert.All(CatalogueCodes(), code => Assert.Null(validation.GetString(code, English)));
    }

    [Fact]
    public void A_missing_value_under_its_field_is_said_without_the_fields_internal_name()
    {
        var missing = new ProblemDto("Source.VolumePath", "Value.Required", ["Source.VolumePath"]);
        var other = new ProblemDto("VCpus", "VCpus.OutOfRange", ["9", "1", "8"]);

        Assert.Equal("Required: choose or enter a value.", ProblemText.AtField(missing, English));
        Assert.Equal("必填：请选择或填写此项。", ProblemText.AtField(missing, Chinese));
        // In a list of problems, away from the field, the field is still named; other problems read as ever.
        Assert.Contains("Source.VolumePath", ProblemText.Format(missing, English), StringComparison.Ordinal);
        Assert.Equal(ProblemText.Format(other, Chinese), ProblemText.AtField(other, Chinese));
    }

    [Fact]
    public void A_libvirt_error_a_refusal_naming_guests_and_a_note_are_worded_in_chinese()
    {
        var libvirt = ActionResult.Fail("VIR_ERR_NO_STORAGE_VOL", "Storage volume not found: no storage vol with matching path 'x'");
        var inUse = ActionResult.Refused(
            [new ProblemDto("Volume", "Volume.InUse", ["base.qcow2", GuestUsersArgument.Encode([("web1", false), ("clone1", true)])])], ErrorCodes.InUse);
        var note = ActionResult.Succeeded(AgentText.Of("Edit.AppliesAtNextBoot"));

        Assert.Equal("libvirt 拒绝了操作（VIR_ERR_NO_STORAGE_VOL）：Storage volume not found: no storage vol with matching path 'x'", AgentTexts.DescribeIn(libvirt, Chinese));
        string refusal = AgentTexts.DescribeIn(inUse, Chinese);
        Assert.Contains("web1, clone1（通过后备文件）", refusal, StringComparison.Ordinal);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", refusal);
        Assert.Contains("web1, clone1 (through a backing file)", AgentTexts.DescribeIn(inUse, English), StringComparison.Ordinal);
        Assert.Equal("已保存；下次启动时生效。", AgentTexts.DescribeIn(note, Chinese));
    }

    [Theory]
    [InlineData("en", 403, "")]
    [InlineData("en", 404, "")]
    [InlineData("en", 502, "<html>Bad gateway</html>")]
    [InlineData("zh-Hans", 403, "")]
    public async Task A_refused_upload_says_why_even_when_the_answer_has_no_body(string culture, int status, string body)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        var authorization = AddAuthorization();
        authorization.SetAuthorized("admin");
        authorization.SetRoles(Roles.Administrator);
        var upload = Render<VolumeUpload>(parameters => parameters.Add(p => p.HostId, "h1").Add(p => p.Pool, "isos"));

        await upload.InvokeAsync(() => upload.Instance.Finished(status, body));

        string text = upload.Find("[data-testid='upload-result']").TextContent.Trim();
        string prefix = culture == "en" ? "Upload failed: " : "上传失败：";
        Assert.StartsWith(prefix, text, StringComparison.Ordinal);
        Assert.True(text.Length > prefix.Length + 10, text);
        Assert.DoesNotContain("<html>", text, StringComparison.Ordinal);
    }

    private static IEnumerable<string> CatalogueCodes() =>
        typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(code => code != ErrorCodes.LibvirtPrefix);

    /// <summary>Each code's summary in Contracts/ErrorCodes.cs, where its arguments are documented as {0}, {1}...</summary>
    private static Dictionary<string, string> DocumentedArguments()
    {
        // ErrorCodes is split by subject into ErrorCodes*.cs.
        string contracts = Path.Combine(WebVirt.Testing.RepositoryRoot.Find(), "src", "WebVirt.Contracts");
        string source = string.Concat(Directory.GetFiles(contracts, "ErrorCodes*.cs").Order(StringComparer.Ordinal).Select(File.ReadAllText));
        return DocumentedCode().Matches(source).ToDictionary(m => m.Groups["code"].Value, m => m.Groups["doc"].Value);
    }

    [GeneratedRegex(@"/// <summary>(?<doc>(?:(?!</summary>).)*)</summary>\s*public const string \w+ = ""(?<code>[^""]+)"";", RegexOptions.Singleline)]
    private static partial Regex DocumentedCode();

    private static string[] Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
