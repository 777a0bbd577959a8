using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecComms.Core.Data;

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
    public string Summary { get; set; } = "";
    public IncidentKind Kind { get; set; }
    public IncidentSeverity Severity { get; set; }
    public IncidentStatus Status { get; set; }
    public DateTimeOffset? DetectedAt { get; set; }
    public DateTimeOffset BecameAwareAt { get; set; }
    /// <summary>When the incident was judged material to investors: the SEC Form 8-K clock runs from here.</summary>
    public DateTimeOffset? MaterialityDeterminedAt { get; set; }
    public DateTimeOffset? ContainedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public DateTimeOffset? ReviewStartedAt { get; set; }
    public bool PersonalData { get; set; }
    /// <summary>Whether a vulnerability involved is being exploited, such as an exploited remote code execution.</summary>
    public bool ActivelyExploited { get; set; }
    /// <summary>Whether the incident is already public: reported by the press, a researcher or a customer.</summary>
    public bool PubliclyReported { get; set; }
    /// <summary>Where affected people or systems are, such as EU or US.</summary>
    public List<string> Regions { get; set; } = [];
    /// <summary>The kinds of data involved, such as credentials, financial or private.</summary>
    public List<string> DataCategories { get; set; } = [];
    /// <summary>The contract tiers of the affected customers, such as enterprise; each starts its notification SLA.</summary>
    public List<string> CustomerTiers { get; set; } = [];
    /// <summary>The affected customers by name.</summary>
    public List<string> AffectedCustomers { get; set; } = [];
    public int? AffectedCustomerCount { get; set; }
    public int? AffectedRecordCount { get; set; }
    public Guid? EngineerId { get; set; }
    public Guid? IncidentManagerId { get; set; }
    public Guid? CommunicationsManagerId { get; set; }
    /// <summary>When the communications manager last posted an internal update; the update cadence runs from here.</summary>
    public DateTimeOffset? LastInternalUpdateAt { get; set; }
    /// <summary>The due time of the internal update the communications manager was last reminded of, so each is reminded once.</summary>
    public DateTimeOffset? UpdateRemindedFor { get; set; }
    public Guid CreatedById { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public string Reference => $"INC-{Number}";

    public bool CustomersAffected => CustomerTiers.Count > 0 || AffectedCustomers.Count > 0 || AffectedCustomerCount > 0;

    /// <summary>When the named incident event happened; null while it has not.</summary>
    public DateTimeOffset? EventAt(string incidentEvent) => incidentEvent switch
    {
        Policy.IncidentEvents.Detected => DetectedAt,
        Policy.IncidentEvents.BecameAware => BecameAwareAt,
        Policy.IncidentEvents.MaterialityDetermined => MaterialityDeterminedAt,
        Policy.IncidentEvents.Contained => ContainedAt,
        Policy.IncidentEvents.Resolved => ResolvedAt,
        _ => null,
    };
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("incidents");
        builder.HasIndex(i => i.Number).IsUnique();
        builder.Property(i => i.Title).HasMaxLength(IncidentLimits.Title);
        builder.Property(i => i.Summary).HasMaxLength(IncidentLimits.Summary);
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(i => i.Severity).HasConversion<string>().HasMaxLength(4);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(i => i.Regions).HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<string>());
        builder.Property(i => i.DataCategories).HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<string>());
        builder.Property(i => i.CustomerTiers).HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<string>());
        builder.Property(i => i.AffectedCustomers).HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<string>());
        builder.Ignore(i => i.Reference);
        builder.Ignore(i => i.CustomersAffected);
    }
}

/// <summary>Size limits of incident fields.</summary>
public static class IncidentLimits
{
    public const int Title = 200;
    public const int Summary = 4_000;
    public const int Entry = 4_000;
    public const int Label = 64;
    public const int Labels = 20;
    public const int Evidence = 500;
}
