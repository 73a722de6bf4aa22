using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using WebVirt.Contracts;
using WebVirt.Web.Components.Pages;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests.Provisioning;

/// <summary>The network form's PXE section and the wizard's import choice, in English and Chinese.</summary>
public sealed class ImportAndNetworkBootFieldsTests : BunitContext, IAsyncLifetime
{
    public ImportAndNetworkBootFieldsTests()
    {
        Services.AddLocalization();
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => this.DisposeOnDispatcherAsync();

    [Fact]
    public void The_boot_fields_appear_only_when_network_boot_is_on_and_fill_the_request()
    {
        UseCulture("en");
        var form = new NetworkBootForm();
        var fields = Render<NetworkBootFields>(p => p.Add(c => c.Form, form));

        Assert.Empty(fields.FindAll("[data-testid='network-new-tftp-root']"));
        Assert.Equal((null, null, null), form.ToRequest());

        Input(fields, "network-new-boot-enable").Change(true);
        Input(fields, "network-new-tftp-root").Change(" /srv/tftp ");
        Input(fields, "network-new-boot-file").Change("boot.ipxe");

        Assert.Contains("Network boot (PXE)", fields.Markup, StringComparison.Ordinal);
        Assert.Contains("TFTP folder on the host", fields.Markup, StringComparison.Ordinal);
        Assert.Equal(("/srv/tftp", "boot.ipxe", null), form.ToRequest());
    }

    [Fact]
    public void The_boot_fields_speak_chinese()
    {
        UseCulture("zh-Hans");
        var fields = Render<NetworkBootFields>(p => p.Add(c => c.Form, new NetworkBootForm { Enabled = true }));

        Assert.Contains("网络引导（PXE）", fields.Markup, StringComparison.Ordinal);
        Assert.Contains("主机上的 TFTP 文件夹", fields.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Boot.", fields.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Use the image as it is", "Copy the image", "Link to the image (overlay)")]
    [InlineData("zh-Hans", "直接使用该镜像", "复制该镜像", "链接到该镜像（覆盖层）")]
    public void The_import_choice_offers_three_uses_each_with_its_line(string culture, string asIs, string copy, string overlay)
    {
        UseCulture(culture);
        GuestImageUse chosen = GuestImageUse.AsIs;
        var choice = Render<ImportUseChoice>(p => p
            .Add(c => c.Value, GuestImageUse.AsIs)
            .Add(c => c.ValueChanged, (GuestImageUse use) => chosen = use));

        Assert.Contains(asIs, choice.Markup, StringComparison.Ordinal);
        Assert.Contains(copy, choice.Markup, StringComparison.Ordinal);
        Assert.Contains(overlay, choice.Markup, StringComparison.Ordinal);
        Assert.Equal(3, choice.FindAll(".mud-typography-caption").Count);
        Assert.DoesNotContain("Import.", choice.Markup, StringComparison.Ordinal);

        Input(choice, "import-overlay").Click();
        Assert.Equal(GuestImageUse.Overlay, chosen);
    }

    /// <summary>MudBlazor puts a test id on the input itself or on its wrapper, depending on the component.</summary>
    private static AngleSharp.Dom.IElement Input<T>(IRenderedComponent<T> component, string testId)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        var element = component.Find($"[data-testid='{testId}']");
        return element.TagName == "INPUT" ? element : element.QuerySelector("input")!;
    }

    private static void UseCulture(string name) =>
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
}
