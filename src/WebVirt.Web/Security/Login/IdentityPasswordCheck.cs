using Microsoft.AspNetCore.Identity;

namespace WebVirt.Web.Security.Login;

/// <summary>Passwords of WebVirt's own accounts (ASP.NET Core Identity hashes).</summary>
public sealed class IdentityPasswordCheck(UserManager<IdentityUser> users, DummyPasswordHash dummy) : IPasswordCheck
{
    public async Task<IdentityUser?> CheckAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null || !await users.HasPasswordAsync(user))
        {
            // Same hashing work as a wrong password, so response times do not reveal which names exist.
            dummy.Verify(password);
            return null;
        }

        return await users.CheckPasswordAsync(user, password) ? user : null;
    }
}
