using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WebVirt.Data.Configurations;

internal sealed class GuestStateChangeConfiguration : IEntityTypeConfiguration<GuestStateChange>
{
    public void Configure(EntityTypeBuilder<GuestStateChange> builder)
    {
        builder.ToTable("StateChanges", AgentDbContext.Schema);
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).UseIdentityAlwaysColumn();
        builder.Property(c => c.HostId).HasMaxLength(HostRecord.HostIdMaxLength);
        builder.Property(c => c.FromState).HasConversion<string>().HasMaxLength(GuestStateColumn.MaxLength);
        builder.Property(c => c.ToState).HasConversion<string>().HasMaxLength(GuestStateColumn.MaxLength);
        builder.Property(c => c.Event).HasMaxLength(GuestStateChange.EventMaxLength);

        // Serves both the history query (newest first per guest) and the foreign key below.
        builder.HasIndex(c => new { c.HostId, c.Uuid, c.At });

        builder.HasOne<GuestRecord>()
            .WithMany()
            .HasForeignKey(c => new { c.HostId, c.Uuid })
            .OnDelete(DeleteBehavior.Cascade);
    }
}
