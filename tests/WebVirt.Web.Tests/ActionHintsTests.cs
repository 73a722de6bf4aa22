using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using WebVirt.Contracts;
using WebVirt.Web.Resources;
using WebVirt.Web.Services;

namespace WebVirt.Web.Tests;

public sealed class ActionHintsTests
{
    private readonly IStringLocalizer<SharedResource> _text;

    public ActionHintsTests()
    {
        var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
        _text = services.GetRequiredService<IStringLocalizer<SharedResource>>();
    }

    [Fact]
    public void KvmPermissionErrorGetsTheGroupAndChmodHint()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        var result = ActionResult.Fail(new Failure("VIR_ERR_INTERNAL_ERROR",
            ["internal error: process exited while connecting to monitor: Could not access KVM kernel module: Permission denied"],
            HintKeys.KvmPermission));

        Assert.Equal("Hint.KvmPermission", ActionHints.KeyFor(result, _text));
        var hint = ActionHints.HintFor(result, _text);
        Assert.Contains("chgrp kvm /dev/kvm", hint);
        Assert.Contains("emulation", hint);
    }

    [Fact]
    public void HintIsInTheUsersLanguage()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hans");
        var hint = ActionHints.HintFor(ActionResult.Fail(ErrorCodes.Forbidden, "alice", "start"), _text);
        Assert.Equal("您的角色不允许执行此操作。", hint);
    }

    [Fact]
    public void AgentsHintKeyWinsWhenItIsKnown()
    {
        var result = ActionResult.Fail(new Failure("VIR_ERR_OPERATION_INVALID", ["domain is not running"], "Hint.KvmMissing"));
        Assert.Equal("Hint.KvmMissing", ActionHints.KeyFor(result, _text));
    }

    [Fact]
    public void UnknownHintKeyFromAnAgentIsIgnored()
    {
        var result = ActionResult.Fail(new Failure("VIR_ERR_NO_DOMAIN", ["Domain not found"], "Hint.SomethingNobodyDefined"));
        Assert.Null(ActionHints.KeyFor(result, _text));
    }

    [Fact]
    public void EveryHintKeyHasTextInBothLanguages()
    {
        var keys = typeof(HintKeys).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToList();
        foreach (var culture in new[] { "en", "zh-Hans" })
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            foreach (var key in keys)
            {
                Assert.False(_text[key].ResourceNotFound, $"{key} has no {culture} text");
            }
        }
    }

    [Fact]
    public void NoHintWhenNothingIsKnown() =>
        Assert.Null(ActionHints.KeyFor(ActionResult.Fail("VIR_ERR_XML_ERROR", "bad xml"), _text));
}
