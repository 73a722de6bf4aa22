using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WebVirt.Web.Data;

/// <summary>The api_tokens table: one row per token, gone with its user.</summary>
public sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var token = builder;
        token.ToTable("api_tokens");
        token.HasKey(t => t.Id);
        token.Property(t => t.PublicId).HasMaxLength(ApiToken.PublicIdLength).IsRequired();
        token.Property(t => t.SecretHash).HasMaxLength(32).IsRequired();
        token.Property(t => t.UserId).HasMaxLength(450).IsRequired();
        token.Property(t => t.Name).HasMaxLength(ApiToken.NameMaxLength).IsRequired();
        token.Property(t => t.Scope).HasMaxLength(16).IsRequired();
        token.Property(t => t.LastUsedAddress).HasMaxLength(ApiToken.AddressMaxLength);
        token.HasIndex(t => t.PublicId).IsUnique();
        // A name names one live token of its user; a revoked token keeps its row (and name) for the record.
        token.HasIndex(t => new { t.UserId, t.Name }).IsUnique().HasFilter("\"RevokedAt\" IS NULL");
        token.HasOne<IdentityUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
