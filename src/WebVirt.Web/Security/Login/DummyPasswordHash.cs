using Microsoft.AspNetCore.Identity;

namespace WebVirt.Web.Security.Login;

/// <summary>
/// A hash of a random password made with the same hasher settings as real ones, so checking a
/// password for an unknown user costs what checking a wrong password costs. Scoped like the
/// hasher it uses; the hash itself is made once per process.
/// </summary>
public sealed class DummyPasswordHash(IPasswordHasher<IdentityUser> hasher)
{
    private static readonly IdentityUser Nobody = new("dummy");
    private static string? s_hash;

    public void Verify(string password)
    {
        var hash = LazyInitializer.EnsureInitialized(
            ref s_hash,
            () => hasher.HashPassword(Nobody, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));
        _ = hasher.VerifyHashedPassword(Nobody, hash, password);
    }
}
