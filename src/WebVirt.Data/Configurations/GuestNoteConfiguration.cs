using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WebVirt.Data.Configurations;

internal sealed class GuestNoteConfiguration : IEntityTypeConfiguration<GuestNote>
{
    public void Configure(EntityTypeBuilder<GuestNote> builder)
    {
        builder.ToTable("GuestNotes", AgentDbContext.Schema);
        builder.HasKey(n => new { n.HostId, n.Uuid });
        builder.Property(n => n.HostId).HasMaxLength(HostRecord.HostIdMaxLength);
        builder.Property(n => n.Description).HasMaxLength(GuestNote.DescriptionMaxLength);
        builder.Property(n => n.UpdatedBy).HasMaxLength(GuestNote.UserMaxLength);

        builder.HasOne<GuestRecord>()
            .WithMany()
            .HasForeignKey(n => new { n.HostId, n.Uuid })
            .OnDelete(DeleteBehavior.Cascade);
    }
}
