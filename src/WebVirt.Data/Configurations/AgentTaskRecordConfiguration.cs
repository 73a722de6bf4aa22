using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WebVirt.Data.Configurations;

internal sealed class AgentTaskRecordConfiguration : IEntityTypeConfiguration<AgentTaskRecord>
{
    public void Configure(EntityTypeBuilder<AgentTaskRecord> builder)
    {
        builder.ToTable("Tasks", AgentDbContext.Schema);
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.HostId).HasMaxLength(HostRecord.HostIdMaxLength);
        builder.Property(t => t.Kind).HasMaxLength(AgentTaskRecord.KindMaxLength);
        builder.Property(t => t.Target).HasMaxLength(AgentTaskRecord.TargetMaxLength);
        builder.Property(t => t.TargetUuid).HasMaxLength(36);
        builder.Property(t => t.State).HasMaxLength(AgentTaskRecord.StateMaxLength);
        builder.Property(t => t.User).HasMaxLength(AgentTaskRecord.UserMaxLength);
        // Rows written before tasks recorded what they made have made nothing that is still pending.
        builder.Property(t => t.Leftovers).HasDefaultValueSql("'{}'::text[]");
        builder.HasIndex(t => new { t.HostId, t.StartedAt });

        builder.HasOne<HostRecord>()
            .WithMany()
            .HasForeignKey(t => t.HostId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
