using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WebVirt.Data.Configurations;

internal sealed class MigrationBatchRecordConfiguration : IEntityTypeConfiguration<MigrationBatchRecord>
{
    public void Configure(EntityTypeBuilder<MigrationBatchRecord> builder)
    {
        builder.ToTable("MigrationBatches", AgentDbContext.Schema);
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).HasMaxLength(MigrationBatchRecord.IdMaxLength);
        builder.Property(b => b.StartedBy).HasMaxLength(MigrationBatchRecord.UserMaxLength);
        builder.Property(b => b.StartedById).HasMaxLength(MigrationBatchRecord.UserIdMaxLength);
        builder.Property(b => b.CancelledBy).HasMaxLength(MigrationBatchRecord.UserMaxLength);
        // No foreign key: a batch outlives the removal of a host it moved guests from or to.
        builder.Property(b => b.SourceHostId).HasMaxLength(HostRecord.HostIdMaxLength);
        builder.Property(b => b.DestinationHostId).HasMaxLength(HostRecord.HostIdMaxLength);
        builder.Property(b => b.Choice).HasColumnType("jsonb");
        builder.Property(b => b.Guests).HasColumnType("jsonb");
        // The start reads the running ones (EndedAt null) and the newest ended ones.
        builder.HasIndex(b => b.EndedAt);
    }
}
