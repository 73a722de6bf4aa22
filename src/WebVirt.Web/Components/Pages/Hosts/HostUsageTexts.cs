using System.Globalization;
using Microsoft.Extensions.Localization;
using WebVirt.Contracts;
using WebVirt.Web.Formatting;
using WebVirt.Web.Resources;

namespace WebVirt.Web.Components.Pages;

/// <summary>
/// The host page's usage lines. Before the first CPU sample or the host's first report they say so in
/// words, rather than a figure of "…" beside a count of 0 CPUs.
/// </summary>
internal static class HostUsageTexts
{
    public static string Cpu(IStringLocalizer<HostResource> text, IReadOnlyList<double> samples, HostInfo? info) =>
        samples.Count == 0 || info is null
            ? text["CpuMeasuring"]
            : text["Cpu", samples[^1].ToString("0", CultureInfo.CurrentCulture), info.Cpus];

    public static string Memory(IStringLocalizer<HostResource> text, HostInfo? info) =>
        info is null
            ? text["MemoryNotReported"]
            : text["Memory", Sizes.FromKiB(info.MemoryTotalKiB - info.MemoryFreeKiB, CultureInfo.CurrentCulture), Sizes.FromKiB(info.MemoryTotalKiB, CultureInfo.CurrentCulture)];
}
