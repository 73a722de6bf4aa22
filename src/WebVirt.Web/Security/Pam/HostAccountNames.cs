using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;

namespace WebVirt.Web.Security.Pam;

/// <summary>
/// Keeps host accounts and WebVirt's own accounts apart: a host account "alice" is the console user
/// "pam:alice" (linked to login provider "pam"), and only a user without a WebVirt password may carry
/// that prefix. So an administrator cannot create a local "pam:alice", and no local "alice" is ever
/// the host's alice.
/// </summary>
public sealed partial class HostAccountNames(IdentityErrorDescriber errors) : IUserValidator<IdentityUser>
{
    public const string Prefix = "pam:";
    public const string LoginProvider = "pam";

    public static string ConsoleName(string hostUserName) => Prefix + hostUserName;

    public static bool IsHostAccount(string? consoleUserName) =>
        consoleUserName is not null && consoleUserName.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>A name as the host's useradd accepts it (no leading dash, no "$" machine accounts).</summary>
    public static bool IsValidHostUserName(string? name) => name is { Length: > 0 and <= 32 } && HostUserName().IsMatch(name);

    public Task<IdentityResult> ValidateAsync(UserManager<IdentityUser> manager, IdentityUser user)
    {
        var name = user.UserName ?? "";
        if (!name.Contains(':', StringComparison.Ordinal))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var isHostAccount = IsHostAccount(name)
            && IsValidHostUserName(name[Prefix.Length..])
            && user.PasswordHash is null;
        return Task.FromResult(isHostAccount ? IdentityResult.Success : IdentityResult.Failed(errors.InvalidUserName(name)));
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]*$")]
    private static partial Regex HostUserName();
}
