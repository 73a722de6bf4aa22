using Microsoft.AspNetCore.Identity;

namespace WebVirt.Web.Security.Login;

/// <summary>
/// Checks a user name and password and returns the matching WebVirt user, or null. The login
/// flow around it (throttling, audit, disabled users, second factor, session) stays the same
/// whatever checks the password: a system-account (PAM) check can replace or wrap this service.
/// An implementation must take as long for an unknown name as for a wrong password.
/// </summary>
public interface IPasswordCheck
{
    Task<IdentityUser?> CheckAsync(string userName, string password, CancellationToken cancellationToken);
}
