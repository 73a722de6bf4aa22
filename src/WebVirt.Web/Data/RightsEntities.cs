namespace WebVirt.Web.Data;

/// <summary>A custom role of the Rights page: a name and privileges from the fixed list (<see cref="Security.Permission"/> names).</summary>
public sealed class RightsRole
{
    public const int NameMaxLength = 64;

    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public List<string> Privileges { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A group of users, so that one grant can reach them all.</summary>
public sealed class RightsGroup
{
    public const int NameMaxLength = 64;

    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A user's membership of a group; gone with the user or the group.</summary>
public sealed class RightsGroupMember
{
    public Guid GroupId { get; set; }

    public string UserId { get; set; } = "";
}

/// <summary>
/// A role given to a user or a group (exactly one of <see cref="UserId"/>, <see cref="GroupId"/>) on a path
/// (<see cref="Security.Rights.RightsPath"/>). <see cref="IsOwner"/> marks the grant a guest's creator gets on it,
/// which is where a guest's owner is kept.
/// </summary>
public sealed class RightsGrant
{
    /// <summary>The longest path a grant may name (see <c>RightsPath</c>, which parses it).</summary>
    public const int PathMaxLength = 400;

    public Guid Id { get; set; }

    public string? UserId { get; set; }

    public Guid? GroupId { get; set; }

    public string Path { get; set; } = "";

    public string Role { get; set; } = "";

    public bool IsOwner { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";
}
