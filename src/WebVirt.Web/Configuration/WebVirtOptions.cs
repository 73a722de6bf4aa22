namespace WebVirt.Web.Configuration;

/// <summary>The "WebVirt" configuration section.</summary>
public sealed class WebVirtOptions
{
    public const string Section = "WebVirt";

    /// <summary>Configuration key (usually an environment variable) for the first admin's password.</summary>
    public const string AdminPasswordKey = "WEBVIRT_ADMIN_PASSWORD";

    public List<AgentOptions> Agents { get; set; } = [];

    /// <summary>
    /// Folder for rolling log files as well as the console output (the journal), relative to the
    /// working directory unless absolute; empty (the default) writes no file.
    /// </summary>
    public string LogDirectory { get; set; } = "";

    /// <summary>Longest wait for an agent to answer a command, so a slow host never holds a page.</summary>
    public int ActionTimeoutSeconds { get; set; } = 30;

    public TimeSpan ActionTimeout => TimeSpan.FromSeconds(Math.Max(1, ActionTimeoutSeconds));

    /// <summary>
    /// Pages whose browser went away that are kept (with all their state) for the browser to
    /// reconnect to; beyond it the oldest is dropped. Blazor's default of 100 for 3 minutes holds
    /// far more memory than a console's few users need.
    /// </summary>
    public int DisconnectedCircuitMaxRetained { get; set; } = 20;

    /// <summary>How long a page whose browser went away is kept for it to reconnect: long enough for a network blip.</summary>
    public int DisconnectedCircuitRetentionSeconds { get; set; } = 60;

    /// <summary>
    /// Seconds after the web started to serve at which the pages it touched only while starting are
    /// given back (Hosting/StartupPageOut); negative: never.
    /// </summary>
    public double PageOutAfterStartSeconds { get; set; } = 30;
}
