namespace WebVirt.Web.Data;

/// <summary>One console-wide setting an administrator changes in the UI (e.g. requiring two-factor login).</summary>
public sealed class ConsoleSetting
{
    public const string RequireTwoFactor = "require-two-factor";

    public string Key { get; set; } = "";

    public string Value { get; set; } = "";
}
