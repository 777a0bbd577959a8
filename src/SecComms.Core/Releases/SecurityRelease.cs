using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecComms.Core.Data;

namespace SecComms.Core.Releases;

public enum ReleaseKind
{
    /// <summary>The scheduled security release, about a week after the regular monthly release.</summary>
    Planned,
    /// <summary>A critical release outside the schedule; its communications run on emergency deadlines.</summary>
    Critical,
    /// <summary>An emergency patch outside the schedule; its communications run on emergency deadlines.</summary>
    Emergency,
}

public enum ReleaseStatus
{
    Planned,
    Preparing,
    /// <summary>The fixed versions are out: the <c>fix-released</c> gate of linked communications opens.</summary>
    Published,
}

/// <summary>A security release that ships fixes; communications linked to it wait for it through the <c>fix-released</c> gate.</summary>
public sealed class SecurityRelease
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>Short sequential number people use in conversation ("SR-7").</summary>
    public int Number { get; init; }
    /// <summary>What people call it, such as "18.4.2, 18.3.5, 18.2.9".</summary>
    public required string Title { get; set; }
    public ReleaseKind Kind { get; set; }
    public ReleaseStatus Status { get; set; }
    public DateTimeOffset? PlannedFor { get; set; }
    /// <summary>The product whose versions it ships, as its communications name it.</summary>
    public string? Product { get; set; }
    /// <summary>The versions it ships, newest line first, such as 18.4.2, 18.3.5 and 18.2.9.</summary>
    public List<string> Versions { get; set; } = [];
    /// <summary>When its communications were generated from the policy's release templates.</summary>
    public DateTimeOffset? PreparedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public Guid CreatedById { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public string Reference => $"SR-{Number}";
}

internal sealed class SecurityReleaseConfiguration : IEntityTypeConfiguration<SecurityRelease>
{
    public void Configure(EntityTypeBuilder<SecurityRelease> builder)
    {
        builder.ToTable("security_releases");
        builder.HasIndex(r => r.Number).IsUnique();
        builder.Property(r => r.Title).HasMaxLength(200);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Product).HasMaxLength(Vulnerabilities.VulnerabilityLimits.Product);
        builder.Property(r => r.Versions).HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<string>());
        builder.Ignore(r => r.Reference);
    }
}
