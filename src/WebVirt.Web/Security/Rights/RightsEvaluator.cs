using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using WebVirt.Web.Data;

namespace WebVirt.Web.Security.Rights;

/// <summary>
/// The one check of WebVirt: may this user do this privilege on this object. The gateway asks it for every
/// call to an agent, the API for every request (an API token's scope cut from its owner's rights), and the
/// pages, tasks, events and the console for what they show. Each user's rights are read from the database
/// once and cached until a grant, group, role or membership changes (<see cref="Invalidate"/>), or for
/// <see cref="MaxAge"/> at most, so that a global role changed on the Users page also takes effect.
/// </summary>
public sealed class RightsEvaluator(IDbContextFactory<WebDbContext> contexts, IGuestTags tags, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (long Generation, DateTimeOffset At, UserRights Rights)> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long Generation, DateTimeOffset At, UserRights Rights)> _signedIn = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>Forgets every cached user's rights: called on every change of grants, groups, members or roles.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _cache.Clear();
        _signedIn.Clear();
    }

    /// <summary>
    /// The rights of a signed-in user, or of an API token: its owner's, cut down to the token's scope. A signed-in
    /// user's global role is the one their sign-in carries (a role change ends their sessions); a token's owner's
    /// is read from the database, since the token's role claim is its scope.
    /// </summary>
    public async Task<UserRights> ForAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return UserRights.None;
        }

        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var roleClaims = user.FindAll(ClaimTypes.Role).Select(claim => claim.Value).Order(StringComparer.Ordinal).ToArray();
        if (user.FindFirstValue(ApiTokenClaims.TokenId) is not null)
        {
            // The token's scope is the ceiling of its owner's rights of the moment; no scope, no rights.
            var owner = userId is null ? UserRights.None : await ForUserAsync(userId, cancellationToken);
            var scope = Enum.TryParse<Api.ApiTokenScope>(user.FindFirstValue(ApiTokenClaims.Scope), ignoreCase: false, out var parsed) && Enum.IsDefined(parsed)
                ? UserRights.Mask(RoleCatalog.BuiltIn(Api.ApiTokenScopes.RoleOf(parsed)))
                : 0;
            return owner.Restrict(scope);
        }

        var key = $"{userId}|{user.Identity.Name}|{string.Join(',', roleClaims)}";
        var generation = Interlocked.Read(ref _generation);
        if (_signedIn.TryGetValue(key, out var cached) && cached.Generation == generation && time.GetUtcNow() - cached.At < MaxAge)
        {
            return cached.Rights;
        }

        var stored = userId is null ? UserRights.None : await ForUserAsync(userId, cancellationToken);
        var reasons = roleClaims.Where(RoleCatalog.IsBuiltIn)
            .Select(role => new RightsReason("/", role, RoleCatalog.BuiltIn(role), RightsSource.GlobalRole, null, null))
            .Concat(stored.Reasons.Where(reason => reason.Source != RightsSource.GlobalRole))
            .ToList();
        var rights = new UserRights(userId ?? "", user.Identity.Name ?? "", reasons, tags);
        if (Interlocked.Read(ref _generation) == generation)
        {
            _signedIn[key] = (generation, time.GetUtcNow(), rights);
        }

        return rights;
    }

    public async Task<bool> AllowsAsync(ClaimsPrincipal user, Permission privilege, RightsTarget target, CancellationToken cancellationToken = default) =>
        (await ForAsync(user, cancellationToken)).Allows(privilege, target);

    public async Task<UserRights> ForUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        var generation = Interlocked.Read(ref _generation);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(userId, out var cached) && cached.Generation == generation && now - cached.At < MaxAge)
        {
            return cached.Rights;
        }

        var rights = await LoadAsync(userId, cancellationToken);
        // Rights loaded while a change was made are not kept: the next check reads them again.
        if (Interlocked.Read(ref _generation) == generation)
        {
            _cache[userId] = (generation, now, rights);
        }

        return rights;
    }

    private async Task<UserRights> LoadAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var userName = await db.Users.Where(u => u.Id == userId).Select(u => u.UserName).SingleOrDefaultAsync(cancellationToken);
        if (userName is null)
        {
            return UserRights.None;
        }

        var globalRoles = await (
                from userRole in db.UserRoles
                join role in db.Roles on userRole.RoleId equals role.Id
                where userRole.UserId == userId
                select role.Name)
            .ToListAsync(cancellationToken);
        var groups = await (
                from member in db.RightsGroupMembers
                join grp in db.RightsGroups on member.GroupId equals grp.Id
                where member.UserId == userId
                select new { grp.Id, grp.Name })
            .ToDictionaryAsync(g => g.Id, g => g.Name, cancellationToken);
        var groupIds = groups.Keys.ToList();
        var grants = await db.RightsGrants.AsNoTracking()
            .Where(g => g.UserId == userId || (g.GroupId != null && groupIds.Contains(g.GroupId.Value)))
            .ToListAsync(cancellationToken);
        var customNames = grants.Select(g => g.Role).Where(role => !RoleCatalog.IsBuiltIn(role)).Distinct().ToList();
        var custom = customNames.Count == 0
            ? []
            : await db.RightsRoles.AsNoTracking().Where(r => customNames.Contains(r.Name)).ToDictionaryAsync(r => r.Name, r => r.Privileges, StringComparer.Ordinal, cancellationToken);

        var reasons = new List<RightsReason>();
        foreach (var role in globalRoles.OfType<string>().Where(RoleCatalog.IsBuiltIn))
        {
            reasons.Add(new RightsReason("/", role, RoleCatalog.BuiltIn(role), RightsSource.GlobalRole, null, null));
        }

        foreach (var grant in grants)
        {
            var privileges = RoleCatalog.IsBuiltIn(grant.Role) ? RoleCatalog.BuiltIn(grant.Role)
                : custom.TryGetValue(grant.Role, out var names) ? RoleCatalog.Parse(names)
                : [];
            var source = grant.IsOwner ? RightsSource.Owner : grant.GroupId is null ? RightsSource.User : RightsSource.Group;
            var via = grant.GroupId is { } groupId ? groups.GetValueOrDefault(groupId) : null;
            reasons.Add(new RightsReason(grant.Path, grant.Role, privileges, source, via, grant.Id));
        }

        return new UserRights(userId, userName, reasons, tags);
    }
}
