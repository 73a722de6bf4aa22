using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WebVirt.Data.Configurations;

internal sealed class GuestCreationRecordConfiguration : IEntityTypeConfiguration<GuestCreationRecord>
{
    public void Configure(EntityTypeBuilder<GuestCreationRecord> builder)
    {
        builder.ToTable("GuestCreations", AgentDbContext.Schema);
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.Property(r => r.HostId).HasMaxLength(HostRecord.HostIdMaxLength);
        builder.Property(r => r.GuestUuid).HasMaxLength(36);
        builder.Property(r => r.GuestName).HasMaxLength(AgentTaskRecord.TargetMaxLength);
        builder.Property(r => r.Kind).HasMaxLength(AgentTaskRecord.KindMaxLength);
        builder.Property(r => r.SpecJson).HasColumnType("jsonb");
        builder.Property(r => r.CreatedBy).HasMaxLength(AgentTaskRecord.UserMaxLength);
        builder.HasIndex(r => new { r.HostId, r.GuestUuid });

        builder.HasOne<HostRecord>()
            .WithMany()
            .HasForeignKey(r => r.HostId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
