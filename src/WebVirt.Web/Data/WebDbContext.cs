using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace WebVirt.Web.Data;

/// <summary>The console's own tables: users and roles, their sessions, the audit log and the data protection key ring.</summary>
public sealed class WebDbContext(DbContextOptions<WebDbContext> options)
    : IdentityDbContext<IdentityUser>(options), IDataProtectionKeyContext
{
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ConsoleSetting> Settings => Set<ConsoleSetting>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<EnrolledHost> EnrolledHosts => Set<EnrolledHost>();

    public DbSet<RightsRole> RightsRoles => Set<RightsRole>();

    public DbSet<RightsGroup> RightsGroups => Set<RightsGroup>();

    public DbSet<RightsGroupMember> RightsGroupMembers => Set<RightsGroupMember>();

    public DbSet<RightsGrant> RightsGrants => Set<RightsGrant>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfiguration(new ApiTokenConfiguration());
        builder.ConfigureRights();

        builder.Entity<AuditEntry>(entry =>
        {
            entry.ToTable("audit_entries");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.UserName).HasMaxLength(AuditEntry.UserNameMaxLength).IsRequired();
            entry.Property(e => e.Action).HasMaxLength(64).IsRequired();
            entry.Property(e => e.TargetHost).HasMaxLength(AuditEntry.HostMaxLength);
            entry.Property(e => e.TargetGuestUuid).HasMaxLength(AuditEntry.GuestUuidMaxLength);
            entry.Property(e => e.TargetGuestName).HasMaxLength(AuditEntry.GuestNameMaxLength);
            entry.Property(e => e.Result).HasMaxLength(16).IsRequired();
            entry.Property(e => e.Detail).HasMaxLength(AuditEntry.DetailMaxLength);
            // The audit page lists newest first.
            entry.HasIndex(e => e.At);
        });

        builder.Entity<EnrolledHost>(host =>
        {
            host.ToTable("enrolled_hosts");
            host.HasKey(h => h.HostId);
            host.Property(h => h.HostId).HasMaxLength(EnrolledHost.HostIdMaxLength);
            host.Property(h => h.Name).HasMaxLength(EnrolledHost.HostIdMaxLength).IsRequired();
            host.Property(h => h.Url).HasMaxLength(EnrolledHost.UrlMaxLength).IsRequired();
            host.Property(h => h.ProtectedToken).IsRequired();
            host.Property(h => h.CertificateSha256).HasMaxLength(64).IsFixedLength().IsRequired();
            host.Property(h => h.AddedBy).HasMaxLength(AuditEntry.UserNameMaxLength).IsRequired();
        });

        builder.Entity<ConsoleSetting>(setting =>
        {
            setting.ToTable("settings");
            setting.HasKey(e => e.Key);
            setting.Property(e => e.Key).HasMaxLength(64);
            setting.Property(e => e.Value).HasMaxLength(256).IsRequired();
        });

        builder.Entity<UserSession>(session =>
        {
            session.ToTable("user_sessions");
            session.HasKey(s => s.Id);
            session.Property(s => s.Id).HasMaxLength(64);
            session.Property(s => s.UserId).HasMaxLength(450).IsRequired();
            session.Property(s => s.UserAgent).HasMaxLength(UserSession.UserAgentMaxLength).IsRequired();
            session.Property(s => s.SourceAddress).HasMaxLength(UserSession.AddressMaxLength).IsRequired();
            session.Property(s => s.EndReason).HasMaxLength(32);
            // A deleted user takes their sessions along.
            session.HasOne<IdentityUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
            session.HasIndex(s => new { s.UserId, s.EndedAt });
        });
    }
}
