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

        // Graph reads: one subject, one tier, a time range.
        builder.HasIndex(s => new { s.HostId, s.ResolutionSeconds, s.GuestUuid, s.At });

        // Downsampling and expiry: every subject of a host in one tier over a time range, which the
        // index above can only scan whole (its guest column sits between the tier and the time).
        builder.HasIndex(s => new { s.HostId, s.ResolutionSeconds, s.At });

        // Samples go with their host; a removed guest's expire with their tiers.
        builder.HasOne<HostRecord>()
            .WithMany()
            .HasForeignKey(s => s.HostId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
