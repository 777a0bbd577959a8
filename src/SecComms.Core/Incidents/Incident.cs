using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecComms.Core.Incidents;

public enum IncidentKind
{
    Breach,
    CustomerCompromise,
    DataLoss,
    AccidentalDisclosure,
    Misconfiguration,
    Other,
}

public enum IncidentSeverity
{
    S1,
    S2,
    S3,
    S4,
}

public enum IncidentStatus
{
    Investigating,
    Identified,
    /// <summary>The incident has a containment time: the <c>incident-contained</c> gate of linked communications opens.</summary>
    Contained,
    Resolved,
    PostIncidentReview,
}

/// <summary>A security incident; confidential, so only the security team sees it. Communications about it wait for containment.</summary>
public sealed class Incident
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>Short sequential number people use in conversation ("INC-3").</summary>
    public int Number { get; init; }
    public required string Title { get; set; }
    public IncidentKind Kind { get; set; }
    public IncidentSeverity Severity { get; set; }
    public IncidentStatus Status { get; set; }
    public DateTimeOffset BecameAwareAt { get; set; }
    public bool PersonalData { get; set; }
    public DateTimeOffset? ContainedAt { get; set; }
    public Guid CreatedById { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public string Reference => $"INC-{Number}";
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("incidents");
        builder.HasIndex(i => i.Number).IsUnique();
        builder.Property(i => i.Title).HasMaxLength(200);
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(i => i.Severity).HasConversion<string>().HasMaxLength(4);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(32);
        builder.Ignore(i => i.Reference);
    }
}
