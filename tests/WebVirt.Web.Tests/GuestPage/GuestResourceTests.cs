using System.Collections;
using System.Globalization;
using System.Resources;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using WebVirt.Contracts;
using WebVirt.Web.Components.Shared;
using WebVirt.Web.Resources;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests.GuestPage;

public sealed class GuestResourceTests : BunitContext, IAsyncLifetime
{
    private static readonly ResourceManager Texts = new("WebVirt.Web.Resources.GuestResource", typeof(GuestResource).Assembly);

    public GuestResourceTests()
    {
        Services.AddLocalization();
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    // English is the neutral resource set in the main assembly; Chinese is its satellite.
    private static Dictionary<string, string> Entries(CultureInfo culture) =>
        Texts.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>().ToDictionary(entry => (string)entry.Key, entry => (string)entry.Value!);

    [Fact]
    public void Every_guest_page_text_exists_in_english_and_chinese_with_the_same_placeholders()
    {
        var english = Entries(CultureInfo.InvariantCulture);
        var chinese = Entries(CultureInfo.GetCultureInfo("zh-Hans"));

        Assert.NotEmpty(english);
        Assert.Equal(english.Keys.Order(), chinese.Keys.Order());
        foreach (var (key, text) in english)
        {
            Assert.True(Placeholders(text).SequenceEqual(Placeholders(chinese[key])), $"{key}: '{text}' vs '{chinese[key]}'");
        }
    }

    [Fact]
    public void The_range_buttons_speak_the_users_language()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hans");

        var selector = Render<UsageRangeSelector>(p => p.Add(c => c.Value, UsageRange.Week));

        Assert.Equal("实时", selector.Find("[data-testid='usage-range-live']").TextContent.Trim());
        Assert.Equal("true", selector.Find("[data-testid='usage-range-week']").GetAttribute("aria-pressed"));
        Assert.Equal("false", selector.Find("[data-testid='usage-range-live']").GetAttribute("aria-pressed"));
    }

    private static IEnumerable<string> Placeholders(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+\}").Select(match => match.Value).Order();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => this.DisposeOnDispatcherAsync();
}
