namespace WebVirt.Web.Security.TwoFactor;

/// <summary>Two-factor settings of the "WebVirt" configuration section.</summary>
public sealed class TwoFactorOptions
{
    /// <summary>
    /// WebVirt:RequireTwoFactor: every WebVirt account must enrol an authenticator app before it can
    /// use the console. Host (PAM) accounts are not covered: their second factor belongs in the host's PAM stack.
    /// </summary>
    public bool RequireTwoFactor { get; set; }
}
