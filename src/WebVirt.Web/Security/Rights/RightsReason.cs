namespace WebVirt.Web.Security.Rights;

/// <summary>Where a user's right comes from.</summary>
public enum RightsSource
{
    /// <summary>The user's global role (Users page, PAM group), which is a grant on "/".</summary>
    GlobalRole,

    /// <summary>A grant to the user.</summary>
    User,

    /// <summary>A grant to a group the user is in (<see cref="RightsReason.Via"/> names it).</summary>
    Group,

    /// <summary>The user created the guest and so owns it.</summary>
    Owner,
}

/// <summary>One grant that reaches a user, with the privileges it gives: a row of the "effective rights" view.</summary>
public sealed record RightsReason(string Path, string Role, IReadOnlyList<Permission> Privileges, RightsSource Source, string? Via, Guid? GrantId);
