namespace WebVirt.Web.Components.Shared;

/// <summary>The theme's colours for graph lines, so they follow light and dark mode.</summary>
public static class UsageColors
{
    public const string First = "var(--mud-palette-primary)";
    public const string Second = "var(--mud-palette-warning)";
    public const string Limit = "var(--mud-palette-text-disabled)";
}
