using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using WebVirt.Web.Components.Guest;
using WebVirt.Web.Hosting;
using WebVirt.Web.Resources;
using WebVirt.Web.Security;

namespace WebVirt.Web.Tests;

/// <summary>Texts that used to stay English in the Chinese console: MudBlazor's own, libvirt's words and Identity's refusals.</summary>
public sealed class UiTextsInChineseTests
{
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();

    [Fact]
    public void Mudblazor_texts_follow_the_users_language_and_unknown_keys_keep_mudblazors_english()
    {
        var localizer = new MudTextLocalizer(_services.GetRequiredService<IStringLocalizer<SharedResource>>());

        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hans");
        Assert.Equal("关闭", localizer["MudDialog_Close"].Value);
        Assert.Equal("增加", localizer["MudInput_Increment"].Value);
        Assert.False(localizer["MudSnackbar_Close"].ResourceNotFound);
        // A key the catalogue lacks: MudBlazor's base localizer answers, marked as not found.
        Assert.True(localizer["MudColorPicker_Open"].ResourceNotFound);

        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        Assert.Equal("Close", localizer["MudDialog_Close"].Value);
    }

    [Fact]
    public void Libvirt_words_are_translated_and_new_ones_shown_as_libvirt_wrote_them()
    {
        var texts = _services.GetRequiredService<IStringLocalizer<GuestResource>>();

        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hans");
        Assert.Equal("已启动", LibvirtWords.Text(texts, "booted"));
        Assert.Equal("已强制关机", LibvirtWords.Text(texts, "destroyed"));
        Assert.Equal("some-new-word", LibvirtWords.Text(texts, "some-new-word"));
        Assert.Equal("", LibvirtWords.Text(texts, null));

        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        Assert.Equal("booted", LibvirtWords.Text(texts, "booted"));
    }

    [Fact]
    public void Identity_refusals_speak_the_users_language_and_keep_identitys_codes()
    {
        var errors = new LocalizedIdentityErrors(_services.GetRequiredService<IStringLocalizer<SharedResource>>());

        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hans");
        var tooShort = errors.PasswordTooShort(8);
        Assert.Equal("PasswordTooShort", tooShort.Code);
        Assert.Equal("密码至少需要 8 个字符。", tooShort.Description);
        Assert.Contains("bad name!", errors.InvalidUserName("bad name!").Description, StringComparison.Ordinal);

        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        Assert.Equal("Passwords must be at least 8 characters.", errors.PasswordTooShort(8).Description);
        Assert.Equal("PasswordMismatch", errors.PasswordMismatch().Code);
    }
}
