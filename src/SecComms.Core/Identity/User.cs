using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecComms.Core.Identity;

public enum UserRole
{
    /// <summary>Works on communications within their teams.</summary>
    Member,
    /// <summary>Also manages people, tokens and settings.</summary>
    Admin,
    /// <summary>Reads what they may see; changes nothing.</summary>
    Viewer,
}

public sealed class User
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Email { get; set; }
    public required string NormalizedEmail { get; set; }
    public required string Name { get; set; }
    public UserRole Role { get; set; }
    public string? PasswordHash { get; set; }
    public bool Disabled { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public List<TeamMembership> Teams { get; init; } = [];

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}

public sealed class TeamMembership
{
    public Guid UserId { get; init; }
    public required string Team { get; init; }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.Property(u => u.Email).HasMaxLength(320);
        builder.Property(u => u.NormalizedEmail).HasMaxLength(320);
        builder.HasIndex(u => u.NormalizedEmail).IsUnique();
        builder.Property(u => u.Name).HasMaxLength(200);
        builder.Property(u => u.Role).HasConversion<string>().HasMaxLength(20);
        builder.HasMany(u => u.Teams).WithOne().HasForeignKey(t => t.UserId);
    }
}

internal sealed class TeamMembershipConfiguration : IEntityTypeConfiguration<TeamMembership>
{
    public void Configure(EntityTypeBuilder<TeamMembership> builder)
    {
        builder.ToTable("team_memberships");
        builder.HasKey(t => new { t.UserId, t.Team });
        builder.Property(t => t.Team).HasMaxLength(64);
    }
}
