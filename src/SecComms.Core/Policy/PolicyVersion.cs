using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecComms.Core.Policy;

/// <summary>A policy that was in force, kept whole so any decision can be traced to the exact rules it was taken under.</summary>
public sealed class PolicyVersion
{
    public int Version { get; init; }
    public required string Hash { get; init; }
    public required string Yaml { get; init; }
    /// <summary>Where it came from: the built-in default, a file, or an administrator through the API.</summary>
    public required string Source { get; init; }
    public required string ActivatedBy { get; init; }
    public DateTimeOffset ActivatedAt { get; init; }
}

internal sealed class PolicyVersionConfiguration : IEntityTypeConfiguration<PolicyVersion>
{
    public void Configure(EntityTypeBuilder<PolicyVersion> builder)
    {
        builder.ToTable("policy_versions");
        builder.HasKey(v => v.Version);
        builder.Property(v => v.Version).ValueGeneratedNever();
        builder.Property(v => v.Hash).HasMaxLength(64);
        builder.Property(v => v.Source).HasMaxLength(300);
        builder.Property(v => v.ActivatedBy).HasMaxLength(320);
    }
}
