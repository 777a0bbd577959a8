using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecComms.Core.Identity;

public enum PasswordLinkPurpose
{
    /// <summary>A person just added, who has no password yet.</summary>
    Invitation,
    /// <summary>A person whose password an administrator reset.</summary>
    Reset,
}

/// <summary>
/// A one-time link that lets a person choose their password. Only the SHA-256 of its token is kept; the token itself is in
/// the link emailed to the person and shown once to the administrator who made it.
/// </summary>
public sealed class PasswordLink
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid UserId { get; init; }
    public PasswordLinkPurpose Purpose { get; init; }
    public required string TokenHash { get; init; }
    /// <summary>The administrator who made it, as the audit trail names them.</summary>
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? UsedAt { get; set; }

    public bool IsUsableAt(DateTimeOffset now) => UsedAt is null && now < ExpiresAt;
}

internal sealed class PasswordLinkConfiguration : IEntityTypeConfiguration<PasswordLink>
{
    public void Configure(EntityTypeBuilder<PasswordLink> builder)
    {
        builder.ToTable("password_links");
        builder.Property(l => l.Purpose).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.TokenHash).HasMaxLength(64);
        builder.Property(l => l.CreatedBy).HasMaxLength(320);
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => l.UserId);
        builder.HasOne<User>().WithMany().HasForeignKey(l => l.UserId);
    }
}
