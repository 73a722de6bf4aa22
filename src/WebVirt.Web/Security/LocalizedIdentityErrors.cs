using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using WebVirt.Web.Resources;

namespace WebVirt.Web.Security;

/// <summary>
/// ASP.NET Identity's refusals (password too short, user name taken or invalid) in the user's
/// language: Identity's own describer only speaks English, and its texts reach the users page.
/// </summary>
public sealed class LocalizedIdentityErrors(IStringLocalizer<SharedResource> texts) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), length);

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit));

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower));

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper));

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric));

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), uniqueChars);

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch));

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), userName);

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), userName ?? "");

    public override IdentityError DefaultError() => Error(nameof(DefaultError));

    // The code stays Identity's, so code that checks it (a wrong current password) keeps working.
    private IdentityError Error(string code, params object[] arguments) =>
        new() { Code = code, Description = texts["Identity." + code, arguments] };
}
