using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecComms.Core.Distribution;

/// <summary>How a customer runs the product, which decides whether a fix reaches it by upgrade or by SecComms' own deploy.</summary>
public enum Deployment
{
    SelfManaged,
    Saas,
}

/// <summary>A customer organization, with the attributes notices are targeted by.</summary>
public sealed class Organization
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>The customer's name, unique; incidents name their affected customers by it.</summary>
    public required string Name { get; set; }
    /// <summary>The support tier, such as enterprise, premium or standard, as incident customer tiers use it.</summary>
    public string? Tier { get; set; }
    public Deployment? Deployment { get; set; }
    /// <summary>The version the customer runs, such as 16.4.2; segments match it by minor line.</summary>
    public string? ProductVersion { get; set; }
    public string? Region { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.ToTable("organizations");
        builder.HasIndex(o => o.Name).IsUnique();
        builder.Property(o => o.Name).HasMaxLength(AudienceLimits.Name);
        builder.Property(o => o.Tier).HasMaxLength(AudienceLimits.Attribute);
        builder.Property(o => o.Deployment).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.ProductVersion).HasMaxLength(AudienceLimits.Attribute);
        builder.Property(o => o.Region).HasMaxLength(AudienceLimits.Attribute);
    }
}

/// <summary>The lengths the audience columns hold, checked before anything reaches the database.</summary>
public static class AudienceLimits
{
    public const int Email = 320;
    public const int Name = 200;
    public const int Attribute = 50;
    public const int SegmentKey = 60;
    public const int Description = 1000;
}
