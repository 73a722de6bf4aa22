using System.Collections.Frozen;
using WebVirt.Contracts;

namespace WebVirt.Web.Security.Rights;

/// <summary>
/// What one user may do, compiled from their grants: per path, the privileges as one bit mask. A check
/// looks up the few paths that reach the object (root, host, object, the guest's tags), so it costs a
/// handful of dictionary reads whatever the number of guests or grants. Immutable; the evaluator caches it.
/// </summary>
public sealed class UserRights
{
    private readonly FrozenDictionary<string, ulong> _byPath;
    private readonly ulong _anywhere;
    private readonly ulong _onSomeHost;
    private readonly ulong _scope;
    private readonly bool _hasTagGrants;
    private readonly IGuestTags? _tags;

    public UserRights(string userId, string userName, IReadOnlyList<RightsReason> reasons, IGuestTags? tags, ulong scope = ulong.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        UserId = userId;
        UserName = userName;
        Reasons = reasons;
        _tags = tags;
        _scope = scope;
        var byPath = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var reason in reasons)
        {
            var mask = Mask(reason.Privileges) & scope;
            byPath[reason.Path] = byPath.GetValueOrDefault(reason.Path) | mask;
            _anywhere |= mask;
            if (RightsPath.TryParse(reason.Path, out var path) && path.Kind is RightsPathKind.Root or RightsPathKind.Host)
            {
                _onSomeHost |= mask;
            }

            _hasTagGrants |= reason.Path.StartsWith("/tags/", StringComparison.Ordinal);
        }

        _byPath = byPath.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static UserRights None { get; } = new("", "", [], null);

    public string UserId { get; }

    public string UserName { get; }

    /// <summary>Every grant that reaches the user, and why (before a token's scope is applied).</summary>
    public IReadOnlyList<RightsReason> Reasons { get; }

    /// <summary>Whether the user holds <paramref name="privilege"/> on "/", so on everything.</summary>
    public bool AllowsEverywhere(Permission privilege) => Has(_byPath.GetValueOrDefault("/"), privilege);

    /// <summary>Whether some grant gives <paramref name="privilege"/> somewhere: whether a page or button for it can be of use.</summary>
    public bool AllowsAnywhere(Permission privilege) => Has(_anywhere, privilege);

    /// <summary>
    /// Whether a grant on "/" or on a whole host gives <paramref name="privilege"/>: whether an action that needs
    /// a host rather than an object (creating a guest) can be of use. A grant on a pool or a guest gives none.
    /// </summary>
    public bool AllowsOnSomeHost(Permission privilege) => Has(_onSomeHost, privilege);

    public bool Allows(Permission privilege, RightsTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!Has(_anywhere, privilege))
        {
            return false;
        }

        if (target.Path.Kind == RightsPathKind.Guest && target.Tags.Count == 0 && _hasTagGrants && _tags is not null)
        {
            target = target with { Tags = _tags.TagsOf(target.Path.HostId!, target.Path.Name!) };
        }

        foreach (var path in target.Paths())
        {
            if (Has(_byPath.GetValueOrDefault(path), privilege))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A guest, with its tags looked up (only when a tag grant could matter).</summary>
    public bool AllowsGuest(Permission privilege, string hostId, string uuid) =>
        Has(_anywhere, privilege) && Allows(privilege, RightsTarget.Guest(hostId, uuid));

    /// <summary>Whether the user holds <paramref name="privilege"/> on the host itself (so on all it holds).</summary>
    public bool AllowsHost(Permission privilege, string hostId) =>
        Has(_anywhere, privilege) && Allows(privilege, RightsTarget.Host(hostId));

    /// <summary>A pool: the path the storage gateway checks a change of it on (root, host, the pool).</summary>
    public bool AllowsPool(Permission privilege, string hostId, string pool) =>
        Has(_anywhere, privilege) && Allows(privilege, RightsTarget.Pool(hostId, pool));

    /// <summary>A network: the path the network gateway checks a change of it on (root, host, the network).</summary>
    public bool AllowsNetwork(Permission privilege, string hostId, string network) =>
        Has(_anywhere, privilege) && Allows(privilege, RightsTarget.Network(hostId, network));

    /// <summary>Stopping a task (tasks panel, REST API): the right that starts a task of its kind, on its host, as the gateway checks it.</summary>
    public bool AllowsStopping(AgentTaskInfo task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return AllowsHost(TaskPermissions.ToStart(task.Kind), task.HostId);
    }

    /// <summary>The same rights cut down to <paramref name="scope"/> (an API token's): never more than before.</summary>
    public UserRights Restrict(ulong scope) => new(UserId, UserName, Reasons, _tags, _scope & scope);

    public static ulong Mask(IEnumerable<Permission> privileges)
    {
        ArgumentNullException.ThrowIfNull(privileges);
        var mask = 0UL;
        foreach (var privilege in privileges)
        {
            mask |= 1UL << (int)privilege;
        }

        return mask;
    }

    private static bool Has(ulong mask, Permission privilege) => (mask & (1UL << (int)privilege)) != 0;
}
