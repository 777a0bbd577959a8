using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecComms.Core.Distribution;

/// <summary>What a contact is to their organization; segments target by it.</summary>
public enum ContactRole
{
    SecurityContact,
    Admin,
    Technical,
    Other,
}

/// <summary>A person at a customer who may receive notices, identified by their email address.</summary>
public sealed class Contact
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>Lower case, unique: importing the same address again updates this contact.</summary>
    public required string Email { get; set; }
    public required string Name { get; set; }
    public Guid OrganizationId { get; set; }
    public ContactRole Role { get; set; }
    /// <summary>Opted in to security notices that are not mandatory; mandatory notices reach every contact of an affected customer.</summary>
    public bool Subscribed { get; set; }
    /// <summary>When the contact unsubscribed; an import never subscribes them again.</summary>
    public DateTimeOffset? UnsubscribedAt { get; set; }
    /// <summary>The secret in the contact's unsubscribe link, so that nobody can unsubscribe someone else by guessing.</summary>
    public required string UnsubscribeToken { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.ToTable("contacts");
        builder.HasIndex(c => c.Email).IsUnique();
        builder.HasIndex(c => c.UnsubscribeToken).IsUnique();
        builder.HasIndex(c => c.OrganizationId);
        builder.Property(c => c.Email).HasMaxLength(AudienceLimits.Email);
        builder.Property(c => c.Name).HasMaxLength(AudienceLimits.Name);
        builder.Property(c => c.Role).HasConversion<string>().HasMaxLength(24);
        builder.Property(c => c.UnsubscribeToken).HasMaxLength(64);
        builder.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
