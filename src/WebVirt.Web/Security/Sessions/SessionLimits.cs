namespace WebVirt.Web.Security.Sessions;

/// <summary>The "WebVirt:Sessions" configuration section: how long a sign-in lasts.</summary>
public sealed class SessionLimits
{
    public const string Section = "WebVirt:Sessions";

    /// <summary>A session nobody used for this long ends (an open console tab counts as use).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A session ends this long after sign-in however busy it is.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(8);
}
