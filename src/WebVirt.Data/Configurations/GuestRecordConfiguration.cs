using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WebVirt.Data.Configurations;

internal sealed class GuestRecordConfiguration : IEntityTypeConfiguration<GuestRecord>
{
    public void Configure(EntityTypeBuilder<GuestRecord> builder)
    {
        builder.ToTable("Guests", AgentDbContext.Schema);
        builder.HasKey(g => new { g.HostId, g.Uuid });
        builder.Property(g => g.HostId).HasMaxLength(HostRecord.HostIdMaxLength);
        builder.Property(g => g.State).HasConversion<string>().HasMaxLength(GuestStateColumn.MaxLength);

        builder.HasOne<HostRecord>()
            .WithMany()
            .HasForeignKey(g => g.HostId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
