namespace WebVirt.Web.Security.Pam;

/// <summary>The "WebVirt:Pam" configuration section: logging in with the host's own accounts.</summary>
public sealed class PamOptions
{
    public const string Section = "WebVirt:Pam";

    /// <summary>Off by default: the host's accounts reach the console only when an administrator says so.</summary>
    public bool Enabled { get; set; }

    /// <summary>The PAM service, i.e. the file in /etc/pam.d that holds the stack.</summary>
    public string Service { get; set; } = "webvirt";

    /// <summary>Host group name → WebVirt role; a user gets the strongest role among their groups.</summary>
    public Dictionary<string, string> GroupRoles { get; set; } = new(StringComparer.Ordinal);
}
