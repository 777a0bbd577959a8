using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecComms.Core.Data;

namespace SecComms.Core.Distribution;

/// <summary>
/// A named audience defined by filters over contacts and their organizations. Every filter that is set must match; a
/// filter with several values matches any of them.
/// </summary>
public sealed class Segment
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>The name scripts and communications use, such as <c>enterprise-self-managed</c>.</summary>
    public required string Key { get; init; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    /// <summary>
    /// Service notices every matching contact receives whether subscribed or not, without an unsubscribe link. Otherwise
    /// only subscribed contacts receive it, and each message carries <c>List-Unsubscribe</c>.
    /// </summary>
    public bool Mandatory { get; set; }
    public List<string> Tiers { get; set; } = [];
    /// <summary>Kebab-case <see cref="Distribution.Deployment"/> names.</summary>
    public List<string> Deployments { get; set; } = [];
    public List<string> Regions { get; set; } = [];
    /// <summary>Versions or minor lines: <c>16.4</c> matches 16.4 and every 16.4.x.</summary>
    public List<string> ProductVersions { get; set; } = [];
    /// <summary>Kebab-case <see cref="ContactRole"/> names.</summary>
    public List<string> Roles { get; set; } = [];
    /// <summary>Organization names.</summary>
    public List<string> Organizations { get; set; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class SegmentConfiguration : IEntityTypeConfiguration<Segment>
{
    public void Configure(EntityTypeBuilder<Segment> builder)
    {
        builder.ToTable("segments");
        builder.HasIndex(s => s.Key).IsUnique();
        builder.Property(s => s.Key).HasMaxLength(AudienceLimits.SegmentKey);
        builder.Property(s => s.Name).HasMaxLength(AudienceLimits.Name);
        builder.Property(s => s.Description).HasMaxLength(AudienceLimits.Description);
        foreach (var list in new[] { nameof(Segment.Tiers), nameof(Segment.Deployments), nameof(Segment.Regions), nameof(Segment.ProductVersions),
                     nameof(Segment.Roles), nameof(Segment.Organizations) })
        {
            builder.Property<List<string>>(list).HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<string>());
        }
    }
}
