using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using WebVirt.Web.Audit;
using WebVirt.Web.Data;

namespace WebVirt.Web.Security.Rights;

/// <summary>
/// Grants, groups and custom roles, for administrators (ManageUsers on "/"), from the Rights page and the
/// API alike. Every change is checked first (bad input changes nothing), audited, refused ones too, and
/// makes the evaluator forget what it cached.
/// </summary>
public sealed partial class RightsAdmin(
    ICurrentUser currentUser,
    IDbContextFactory<WebDbContext> contexts,
    RightsEvaluator evaluator,
    IKnownHosts agents,
    IKnownObjects objects,
    AuditLog audit,
    TimeProvider time)
{
    public async Task<bool> MayAdministerAsync() =>
        (await evaluator.ForAsync(await currentUser.GetAsync())).AllowsEverywhere(Permission.ManageUsers);

    public async Task<IReadOnlyList<GrantView>> GrantsAsync(CancellationToken cancellationToken = default)
    {
        if (!await MayAdministerAsync())
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await (
                from grant in db.RightsGrants.AsNoTracking()
                join user in db.Users on grant.UserId equals user.Id into users
                from user in users.DefaultIfEmpty()
                join grp in db.RightsGroups on grant.GroupId equals grp.Id into groups
                from grp in groups.DefaultIfEmpty()
                orderby grant.Path, grant.CreatedAt
                select new GrantView(grant.Id, user == null ? null : user.UserName, grp == null ? null : grp.Name,
                    grant.Path, grant.Role, grant.IsOwner, grant.CreatedAt, grant.CreatedBy))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<GroupView>> GroupsAsync(CancellationToken cancellationToken = default)
    {
        if (!await MayAdministerAsync())
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var groups = await db.RightsGroups.AsNoTracking().OrderBy(g => g.Name).ToListAsync(cancellationToken);
        var members = await (
                from member in db.RightsGroupMembers
                join user in db.Users on member.UserId equals user.Id
                select new { member.GroupId, user.UserName })
            .ToListAsync(cancellationToken);
        return [.. groups.Select(g => new GroupView(g.Id, g.Name,
            [.. members.Where(m => m.GroupId == g.Id).Select(m => m.UserName ?? "").Order(StringComparer.Ordinal)]))];
    }

    /// <summary>The names of every user, for the principal and member pickers.</summary>
    public async Task<IReadOnlyList<string>> UserNamesAsync(CancellationToken cancellationToken = default)
    {
        if (!await MayAdministerAsync())
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.OrderBy(u => u.UserName).Select(u => u.UserName ?? "").ToListAsync(cancellationToken);
    }

    /// <summary>The built-in roles, strongest first, then the custom ones by name.</summary>
    public async Task<IReadOnlyList<RoleView>> RolesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var custom = await db.RightsRoles.AsNoTracking().OrderBy(r => r.Name).ToListAsync(cancellationToken);
        return [.. Roles.BuiltIn.Select(role => new RoleView(role, RoleCatalog.BuiltIn(role), true)),
            .. custom.Select(role => new RoleView(role.Name, RoleCatalog.Parse(role.Privileges), false))];
    }

    /// <summary>What a user may do and why, or null when there is no such user (or the caller may not ask).</summary>
    public async Task<UserRights?> EffectiveAsync(string userIdOrName, CancellationToken cancellationToken = default)
    {
        if (!await MayAdministerAsync())
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var userId = await db.Users.Where(u => u.Id == userIdOrName || u.UserName == userIdOrName).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        return userId is null ? null : await evaluator.ForUserAsync(userId, cancellationToken);
    }

    public Task<RightsChangeResult> GrantAsync(GrantRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var principal = request.UserName ?? (request.GroupName is null ? "" : "group " + request.GroupName);
        return ChangeAsync("rights-grant", $"{principal} {request.Role} on {request.Path}", async db =>
        {
            if (!RightsPath.TryParse(request.Path, out var path))
            {
                return RightsChangeResult.Refused(RightsErrors.UnknownPath);
            }

            if (path.HostId is { } hostId && !agents.IsConfigured(hostId))
            {
                return RightsChangeResult.Refused(RightsErrors.UnknownHost);
            }

            // A grant on a guest, pool or network that is not there would give nothing, or later something
            // nobody meant (a guest of that UUID defined afterwards). A known host that is not connected now
            // cannot say what it holds: the grant is allowed then, so rights can be prepared during an outage
            // or before a host is back, as for a grant on the host itself.
            if (await objects.ExistsAsync(path, cancellationToken) == false)
            {
                return RightsChangeResult.Refused(RightsErrors.UnknownObject);
            }

            if (string.IsNullOrWhiteSpace(request.Role))
            {
                return RightsChangeResult.Refused(RightsErrors.EmptyRole);
            }

            if (!RoleCatalog.IsBuiltIn(request.Role) && !await db.RightsRoles.AnyAsync(r => r.Name == request.Role, cancellationToken))
            {
                return RightsChangeResult.Refused(RightsErrors.UnknownRole);
            }

            if (string.IsNullOrWhiteSpace(request.UserName) == string.IsNullOrWhiteSpace(request.GroupName))
            {
                return RightsChangeResult.Refused(RightsErrors.NoPrincipal);
            }

            var grant = new RightsGrant { Id = Guid.NewGuid(), Path = path.ToString(), Role = request.Role, CreatedAt = time.GetUtcNow() };
            if (!string.IsNullOrWhiteSpace(request.UserName))
            {
                grant.UserId = await db.Users.Where(u => u.UserName == request.UserName).Select(u => u.Id).SingleOrDefaultAsync(cancellationToken);
                if (grant.UserId is null)
                {
                    return RightsChangeResult.Refused(RightsErrors.UnknownUser);
                }
            }
            else
            {
                grant.GroupId = await db.RightsGroups.Where(g => g.Name == request.GroupName).Select(g => (Guid?)g.Id).SingleOrDefaultAsync(cancellationToken);
                if (grant.GroupId is null)
                {
                    return RightsChangeResult.Refused(RightsErrors.UnknownGroup);
                }
            }

            if (await db.RightsGrants.AnyAsync(g => g.UserId == grant.UserId && g.GroupId == grant.GroupId && g.Path == grant.Path && g.Role == grant.Role, cancellationToken))
            {
                return RightsChangeResult.Refused(RightsErrors.Duplicate);
            }

            grant.CreatedBy = await ActorNameAsync();
            db.RightsGrants.Add(grant);
            return RightsChangeResult.Done(grant.Id);
        }, cancellationToken);
    }

    public Task<RightsChangeResult> RevokeAsync(Guid grantId, CancellationToken cancellationToken = default) =>
        ChangeAsync("rights-revoke", grantId.ToString(), async db =>
        {
            var grant = await db.RightsGrants.SingleOrDefaultAsync(g => g.Id == grantId, cancellationToken);
            if (grant is null)
            {
                return RightsChangeResult.Refused(RightsErrors.NotFound);
            }

            db.RightsGrants.Remove(grant);
            return RightsChangeResult.Done(grant.Id);
        }, cancellationToken);

    public Task<RightsChangeResult> CreateGroupAsync(string? name, CancellationToken cancellationToken = default) =>
        ChangeAsync("rights-group-create", name ?? "", async db =>
        {
            if (!IsName(name, RightsGroup.NameMaxLength))
            {
                return RightsChangeResult.Refused(RightsErrors.BadName);
            }

            if (await db.RightsGroups.AnyAsync(g => g.Name == name, cancellationToken))
            {
                return RightsChangeResult.Refused(RightsErrors.NameTaken);
            }

            var group = new RightsGroup { Id = Guid.NewGuid(), Name = name!, CreatedAt = time.GetUtcNow() };
            db.RightsGroups.Add(group);
            return RightsChangeResult.Done(group.Id);
        }, cancellationToken);

    public Task<RightsChangeResult> DeleteGroupAsync(Guid groupId, CancellationToken cancellationToken = default) =>
        ChangeAsync("rights-group-delete", groupId.ToString(), async db =>
        {
            var group = await db.RightsGroups.SingleOrDefaultAsync(g => g.Id == groupId, cancellationToken);
            if (group is null)
            {
                return RightsChangeResult.Refused(RightsErrors.NotFound);
            }

            // Its members and grants go with it (cascade).
            db.RightsGroups.Remove(group);
            return RightsChangeResult.Done(group.Id);
        }, cancellationToken);

    public Task<RightsChangeResult> SetMemberAsync(Guid groupId, string? userName, bool member, CancellationToken cancellationToken = default) =>
        ChangeAsync(member ? "rights-group-add" : "rights-group-remove", $"{userName} in {groupId}", async db =>
        {
            if (!await db.RightsGroups.AnyAsync(g => g.Id == groupId, cancellationToken))
            {
                return RightsChangeResult.Refused(RightsErrors.UnknownGroup);
            }

            var userId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleOrDefaultAsync(cancellationToken);
            if (userId is null)
            {
                return RightsChangeResult.Refused(RightsErrors.UnknownUser);
            }

            var existing = await db.RightsGroupMembers.SingleOrDefaultAsync(m => m.GroupId == groupId && m.UserId == userId, cancellationToken);
            if (member == existing is not null)
            {
                return RightsChangeResult.Refused(member ? RightsErrors.AlreadyMember : RightsErrors.NotFound);
            }

            if (member)
            {
                db.RightsGroupMembers.Add(new RightsGroupMember { GroupId = groupId, UserId = userId });
            }
            else
            {
                db.RightsGroupMembers.Remove(existing!);
            }

            return RightsChangeResult.Done(groupId);
        }, cancellationToken);

    public Task<RightsChangeResult> CreateRoleAsync(string? name, IReadOnlyCollection<string> privileges, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(privileges);
        return ChangeAsync("rights-role-create", $"{name}: {string.Join(", ", privileges)}", async db =>
        {
            if (!IsName(name, RightsRole.NameMaxLength))
            {
                return RightsChangeResult.Refused(RightsErrors.BadName);
            }

            if (RoleCatalog.IsBuiltIn(name!) || await db.RightsRoles.AnyAsync(r => r.Name == name, cancellationToken))
            {
                return RightsChangeResult.Refused(RightsErrors.NameTaken);
            }

            if (Privileges(privileges) is not { } parsed)
            {
                return RightsChangeResult.Refused(privileges.Count == 0 ? RightsErrors.NoPrivileges : RightsErrors.UnknownPrivilege);
            }

            var role = new RightsRole { Id = Guid.NewGuid(), Name = name!, Privileges = parsed, CreatedAt = time.GetUtcNow() };
            db.RightsRoles.Add(role);
            return RightsChangeResult.Done(role.Id);
        }, cancellationToken);
    }

    /// <summary>Gives a custom role new privileges; every grant of it gives the new ones from then on.</summary>
    public Task<RightsChangeResult> UpdateRoleAsync(string? name, IReadOnlyCollection<string> privileges, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(privileges);
        return ChangeAsync("rights-role-update", $"{name}: {string.Join(", ", privileges)}", async db =>
        {
            if (name is not null && RoleCatalog.IsBuiltIn(name))
            {
                return RightsChangeResult.Refused(RightsErrors.BuiltIn);
            }

            var role = await db.RightsRoles.SingleOrDefaultAsync(r => r.Name == name, cancellationToken);
            if (role is null)
            {
                return RightsChangeResult.Refused(RightsErrors.NotFound);
            }

            if (Privileges(privileges) is not { } parsed)
            {
                return RightsChangeResult.Refused(privileges.Count == 0 ? RightsErrors.NoPrivileges : RightsErrors.UnknownPrivilege);
            }

            role.Privileges = parsed;
            return RightsChangeResult.Done(role.Id);
        }, cancellationToken);
    }

    public Task<RightsChangeResult> DeleteRoleAsync(string? name, CancellationToken cancellationToken = default) =>
        ChangeAsync("rights-role-delete", name ?? "", async db =>
        {
            if (name is not null && RoleCatalog.IsBuiltIn(name))
            {
                return RightsChangeResult.Refused(RightsErrors.BuiltIn);
            }

            var role = await db.RightsRoles.SingleOrDefaultAsync(r => r.Name == name, cancellationToken);
            if (role is null)
            {
                return RightsChangeResult.Refused(RightsErrors.NotFound);
            }

            // A grant of a role that no longer exists would silently give nothing: revoke those first.
            if (await db.RightsGrants.AnyAsync(g => g.Role == role.Name, cancellationToken))
            {
                return RightsChangeResult.Refused(RightsErrors.RoleInUse);
            }

            db.RightsRoles.Remove(role);
            return RightsChangeResult.Done(role.Id);
        }, cancellationToken);

    private async Task<RightsChangeResult> ChangeAsync(string action, string detail, Func<WebDbContext, Task<RightsChangeResult>> change, CancellationToken cancellationToken)
    {
        RightsChangeResult result;
        if (!await MayAdministerAsync())
        {
            result = RightsChangeResult.Refused(RightsErrors.Forbidden);
        }
        else
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            result = await change(db);
            if (result.Ok)
            {
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // Two administrators made the same change at once: the unique index kept one.
                    result = RightsChangeResult.Refused(RightsErrors.Duplicate);
                }

                evaluator.Invalidate();
            }
        }

        var user = await currentUser.GetAsync();
        var via = ApiTokenClaims.TokenNameOf(user) is { } token ? " " + ApiTokenClaims.AuditNote(token) : "";
        await audit.WriteAsync(new AuditEntry
        {
            UserName = await ActorNameAsync(),
            Action = action,
            Result = result.Ok ? AuditEntry.ResultOk : AuditEntry.ResultError,
            Detail = AuditText.Sanitize(result.Ok ? detail + via : $"{detail}: {result.Error}{via}", AuditEntry.DetailMaxLength),
        }, cancellationToken);
        return result;
    }

    /// <summary>The privileges as a role stores them, or null when there are none or one does not exist.</summary>
    private static List<string>? Privileges(IReadOnlyCollection<string> privileges)
    {
        var parsed = RoleCatalog.Parse(privileges);
        return privileges.Count == 0 || parsed.Count != privileges.Distinct(StringComparer.Ordinal).Count() ? null : [.. parsed.Select(p => p.ToString())];
    }

    private async Task<string> ActorNameAsync() => AuditText.Bounded((await currentUser.GetAsync()).FindFirstValue(ClaimTypes.Name) ?? "(anonymous)");

    private static bool IsName(string? name, int maxLength) =>
        !string.IsNullOrWhiteSpace(name) && name.Length <= maxLength && name.Trim() == name && !name.Any(c => char.IsControl(c) || c == '/');
}
