using System.Security.Cryptography;
using System.Text;
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

/// <summary>Who an account is for. A person signs in with a password or through the single sign-on provider (<see cref="User.ManagedByProvider"/>).</summary>
public enum UserKind
{
    /// <summary>Someone who signs in to the pages, with a password or through the provider, and may hold personal access tokens.</summary>
    Person,
    /// <summary>Automation: it has no password, never signs in to the pages, and acts only through tokens an administrator issues.</summary>
    ServiceAccount,
}

public sealed class User
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Email { get; set; }
    public required string NormalizedEmail { get; set; }
    public required string Name { get; set; }
    public UserKind Kind { get; init; }
    public UserRole Role { get; set; }
    public string? PasswordHash { get; set; }
    public bool Disabled { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>
    /// Carried by every session cookie of this person; a new one ends every session made before it (deactivation, a new
    /// password). Empty for people added before sessions carried one, whose cookies carry none.
    /// </summary>
    public string SecurityStamp { get; private set; } = NewStamp();

    public List<TeamMembership> Teams { get; init; } = [];

    /// <summary>The single sign-on provider's issuer this person signs in with, and who they are there (its <c>sub</c>).</summary>
    public string? ProviderIssuer { get; private set; }

    public string? ProviderSubject { get; private set; }

    /// <summary>
    /// Whether the provider manages this person: their teams and role follow its groups at each sign-in and cannot be
    /// changed here, and they sign in only through it.
    /// </summary>
    public bool ManagedByProvider { get; private set; }

    /// <summary>The provider's session (<c>sid</c>) of their latest sign-in through it, which its logout notice may name alone.</summary>
    public string? ProviderSessionId { get; set; }

    public bool IsServiceAccount => Kind == UserKind.ServiceAccount;

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Whether a session cookie carrying <paramref name="stamp"/> still stands: the person is active and nothing has ended it since.</summary>
    public bool AcceptsSession(string? stamp) =>
        !Disabled && Kind == UserKind.Person
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(stamp ?? ""), Encoding.UTF8.GetBytes(SecurityStamp));

    /// <summary>Ends every session this person has open.</summary>
    public void EndSessions() => SecurityStamp = NewStamp();

    public void SetPassword(string hash)
    {
        PasswordHash = hash;
        EndSessions();
    }

    public void Deactivate(DateTimeOffset at)
    {
        Disabled = true;
        DisabledAt = at;
        EndSessions();
    }

    /// <summary>Links this person to who they are at the single sign-on provider, which manages them from now on.</summary>
    public void LinkToProvider(string issuer, string subject)
    {
        ProviderIssuer = issuer;
        ProviderSubject = subject;
        ManagedByProvider = true;
    }

    public void Reactivate()
    {
        Disabled = false;
        DisabledAt = null;
    }

    private static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
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
        builder.Property(u => u.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(u => u.Role).HasConversion<string>().HasMaxLength(20);
        builder.Property(u => u.SecurityStamp).HasMaxLength(32);
        builder.Property(u => u.ProviderIssuer).HasMaxLength(500);
        builder.Property(u => u.ProviderSubject).HasMaxLength(255);
        builder.Property(u => u.ProviderSessionId).HasMaxLength(255);
        builder.HasIndex(u => new { u.ProviderIssuer, u.ProviderSubject }).IsUnique();
        builder.Ignore(u => u.IsServiceAccount);
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
