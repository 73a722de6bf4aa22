using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WebVirt.Data.Configurations;

internal sealed class HostRecordConfiguration : IEntityTypeConfiguration<HostRecord>
{
    public void Configure(EntityTypeBuilder<HostRecord> builder)
    {
        builder.ToTable("Hosts", AgentDbContext.Schema);
        builder.HasKey(h => h.HostId);
        builder.Property(h => h.HostId).HasMaxLength(HostRecord.HostIdMaxLength);
        builder.Property(h => h.MigrationAddress).HasMaxLength(HostRecord.MigrationAddressMaxLength);
    }
}
