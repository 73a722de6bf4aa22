namespace WebVirt.Web.Security.Rights;

/// <summary>Why a change of rights was refused; each has a text "Rights.Error.{code}" in the RightsResource catalogue.</summary>
public static class RightsErrors
{
    public const string Forbidden = "rights-forbidden";
    public const string UnknownPath = "rights-unknown-path";
    public const string UnknownHost = "rights-unknown-host";
    public const string UnknownObject = "rights-unknown-object";
    public const string EmptyRole = "rights-empty-role";
    public const string UnknownRole = "rights-unknown-role";
    public const string NoPrincipal = "rights-no-principal";
    public const string UnknownUser = "rights-unknown-user";
    public const string UnknownGroup = "rights-unknown-group";
    public const string Duplicate = "rights-duplicate";
    public const string NotFound = "rights-not-found";
    public const string BadName = "rights-bad-name";
    public const string NameTaken = "rights-name-taken";
    public const string NoPrivileges = "rights-no-privileges";
    public const string UnknownPrivilege = "rights-unknown-privilege";
    public const string RoleInUse = "rights-role-in-use";
    public const string AlreadyMember = "rights-already-member";
    public const string BuiltIn = "rights-built-in";

    public static IReadOnlyList<string> All { get; } =
    [
        Forbidden, UnknownPath, UnknownHost, UnknownObject, EmptyRole, UnknownRole, NoPrincipal, UnknownUser, UnknownGroup, Duplicate,
        NotFound, BadName, NameTaken, NoPrivileges, UnknownPrivilege, RoleInUse, AlreadyMember, BuiltIn,
    ];
}

/// <summary>The outcome of a change of rights: done, or the <see cref="RightsErrors"/> code of why not (nothing changed then).</summary>
public sealed record RightsChangeResult(bool Ok, string? Error, Guid? Id = null)
{
    public static RightsChangeResult Done(Guid? id = null) => new(true, null, id);

    public static RightsChangeResult Refused(string error) => new(false, error);
}

/// <summary>A grant as the Rights page and the API show it.</summary>
public sealed record GrantView(Guid Id, string? UserName, string? GroupName, string Path, string Role, bool IsOwner, DateTimeOffset CreatedAt, string CreatedBy);

/// <summary>A group and the names of its members.</summary>
public sealed record GroupView(Guid Id, string Name, IReadOnlyList<string> Members);

/// <summary>A role and its privileges; built-in roles cannot be changed.</summary>
public sealed record RoleView(string Name, IReadOnlyList<Permission> Privileges, bool BuiltIn);

/// <summary>A request to grant a role on a path to a user or a group (exactly one of the two names).</summary>
public sealed record GrantRequest(string? UserName, string? GroupName, string? Path, string? Role);
