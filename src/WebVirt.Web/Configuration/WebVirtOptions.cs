namespace WebVirt.Web.Configuration;

/// <summary>The "WebVirt" configuration section.</summary>
public sealed class WebVirtOptions
{
    public const string Section = "WebVirt";

    /// <summary>Configuration key (usually an environment variable) for the first admin's password.</summary>
    public const string AdminPasswordKey = "WEBVIRT_ADMIN_PASSWORD";

    public List<AgentOptions> Agents { get; set; } = [];

    /// <summary>Folder for the rolling log files, relative to the working directory unless absolute.</summary>
    public string LogDirectory { get; set; } = "logs";

    /// <summary>Longest wait for an agent to answer a command, so a slow host never holds a page.</summary>
    public int ActionTimeoutSeconds { get; set; } = 30;

    public TimeSpan ActionTimeout => TimeSpan.FromSeconds(Math.Max(1, ActionTimeoutSeconds));
}
