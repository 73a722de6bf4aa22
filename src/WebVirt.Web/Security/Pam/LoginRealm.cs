namespace WebVirt.Web.Security.Pam;

/// <summary>
/// Where the login form checks a password: WebVirt's own accounts, or the host's accounts through PAM.
/// An explicit choice (as Proxmox's realm) rather than trying one after the other: one password is
/// never sent to both, a failed host login never counts against a WebVirt account of the same name,
/// and each kind of login takes its own, constant path.
/// </summary>
public static class LoginRealm
{
    public const string WebVirt = "webvirt";
    public const string Host = "host";
}
