using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace WebVirt.Web.Data;

/// <summary>The rights tables: custom roles, groups and their members, and the grants.</summary>
public static class RightsConfiguration
{
    public static void ConfigureRights(this ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<RightsRole>(role =>
        {
            role.ToTable("rights_roles");
            role.HasKey(r => r.Id);
            role.Property(r => r.Name).HasMaxLength(RightsRole.NameMaxLength).IsRequired();
            role.HasIndex(r => r.Name).IsUnique();
        });

        builder.Entity<RightsGroup>(group =>
        {
            group.ToTable("rights_groups");
            group.HasKey(g => g.Id);
            group.Property(g => g.Name).HasMaxLength(RightsGroup.NameMaxLength).IsRequired();
            group.HasIndex(g => g.Name).IsUnique();
        });

        builder.Entity<RightsGroupMember>(member =>
        {
            member.ToTable("rights_group_members");
            member.HasKey(m => new { m.GroupId, m.UserId });
            member.Property(m => m.UserId).HasMaxLength(450);
            member.HasOne<RightsGroup>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
            member.HasOne<IdentityUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            member.HasIndex(m => m.UserId);
        });

        builder.Entity<RightsGrant>(grant =>
        {
            grant.ToTable("rights_grants", table => table.HasCheckConstraint(
                "ck_rights_grants_one_principal", "(\"UserId\" IS NULL) <> (\"GroupId\" IS NULL)"));
            grant.HasKey(g => g.Id);
            grant.Property(g => g.UserId).HasMaxLength(450);
            grant.Property(g => g.Path).HasMaxLength(RightsGrant.PathMaxLength).IsRequired();
            grant.Property(g => g.Role).HasMaxLength(RightsRole.NameMaxLength).IsRequired();
            grant.Property(g => g.CreatedBy).HasMaxLength(AuditEntry.UserNameMaxLength).IsRequired();
            grant.HasOne<IdentityUser>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
            grant.HasOne<RightsGroup>().WithMany().HasForeignKey(g => g.GroupId).OnDelete(DeleteBehavior.Cascade);
            // One principal holds one role once on one path: a second grant would be the same grant.
            grant.HasIndex(g => new { g.UserId, g.GroupId, g.Path, g.Role }).IsUnique().AreNullsDistinct(false);
            grant.HasIndex(g => g.GroupId);
        });
    }
}
