using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WebVirt.Data.Configurations;

internal sealed class SharedPoolRecordConfiguration : IEntityTypeConfiguration<SharedPoolRecord>
{
    public void Configure(EntityTypeBuilder<SharedPoolRecord> builder)
    {
        builder.ToTable("SharedPools", AgentDbContext.Schema);
        builder.HasKey(p => new { p.HostId, p.PoolName });
        builder.Property(p => p.HostId).HasMaxLength(HostRecord.HostIdMaxLength);
        builder.Property(p => p.PoolName).HasMaxLength(SharedPoolRecord.PoolNameMaxLength);
        builder.Property(p => p.MarkedBy).HasMaxLength(SharedPoolRecord.UserMaxLength);

        builder.HasOne<HostRecord>()
            .WithMany()
            .HasForeignKey(p => p.HostId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
