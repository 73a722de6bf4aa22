using MudBlazor;

namespace WebVirt.Web.Components.Layout;

/// <summary>The console's colours and fonts; CJK fonts are listed so Chinese text never falls back to boxes.</summary>
public static class WebVirtTheme
{
    private static readonly string[] FontFamily =
        ["Roboto", "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "Helvetica", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5f99",
            AppbarBackground = "#16324f",
            Secondary = "#2e7d6b",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontFamily },
        },
    };
}
