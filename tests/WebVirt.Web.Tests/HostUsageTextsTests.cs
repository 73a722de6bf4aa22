using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using WebVirt.Web.Components.Pages;
using WebVirt.Web.Resources;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests;

/// <summary>
/// The host page's usage lines in both catalogues: words while nothing is measured yet (no "…" beside
/// "0 CPUs"), figures once the host has reported and a CPU sample exists.
/// </summary>
public sealed class HostUsageTextsTests
{
    [Theory]
    [InlineData("en", "CPU: measuring…", "Memory: not reported yet", "CPU: 37 % of 8 CPUs", "Memory: 16 GiB of 32 GiB in use")]
    [InlineData("zh-Hans", "CPU：正在测量…", "内存：尚未报告", "CPU：8 个 CPU 的 37%", "内存：已用 16 GiB，共 32 GiB")]
    public void Nothing_measured_reads_as_words_and_a_measured_host_as_figures(string culture, string cpuBefore, string memoryBefore, string cpuAfter, string memoryAfter)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        using var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
        var text = services.GetRequiredService<IStringLocalizer<HostResource>>();
        var host = HostSamples.Host("h1");

        Assert.Equal(cpuBefore, HostUsageTexts.Cpu(text, [], host));
        Assert.Equal(cpuBefore, HostUsageTexts.Cpu(text, [12.0], null));
        Assert.Equal(memoryBefore, HostUsageTexts.Memory(text, null));
        Assert.Equal(cpuAfter, HostUsageTexts.Cpu(text, [12.0, 36.6], host));
        Assert.Equal(memoryAfter, HostUsageTexts.Memory(text, host));
    }
}
