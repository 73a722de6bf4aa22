using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WebVirt.Data.Configurations;

internal sealed class UsageSampleConfiguration : IEntityTypeConfiguration<UsageSample>
{
    public void Configure(EntityTypeBuilder<UsageSample> builder)
    {
        builder.ToTable("UsageSamples", AgentDbContext.Schema);
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).UseIdentityAlwaysColumn();
        builder.Property(s => s.HostId).HasMaxLength(HostRecord.HostIdMaxLength);

        // Graph reads (one subject, one tier, a time range), downsampling and expiry all go by these columns.
        builder.HasIndex(s => new { s.HostId, s.ResolutionSeconds, s.GuestUuid, s.At });

        // A guest's samples go with its record; the host's (GuestUuid null) with the host.
        builder.HasOne<HostRecord>()
            .WithMany()
            .HasForeignKey(s => s.HostId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
