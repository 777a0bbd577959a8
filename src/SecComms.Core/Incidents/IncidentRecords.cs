using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecComms.Core.Data;

namespace SecComms.Core.Incidents;

public enum TimelineKind
{
    /// <summary>Something that happened or was learned, written by a person.</summary>
    Note,
    /// <summary>An internal status update from the communications manager; the update cadence runs from the last one.</summary>
    InternalUpdate,
    Status,
    Engagement,
    Clock,
    Communication,
    Decision,
}

/// <summary>One entry in an incident's timeline. Entries are only added, never changed.</summary>
public sealed class TimelineEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid IncidentId { get; init; }
    /// <summary>When it happened, which may be before it was written down.</summary>
    public DateTimeOffset At { get; init; }
    public TimelineKind Kind { get; init; }
    public required string Text { get; init; }
    /// <summary>Who wrote it; null for entries the system writes.</summary>
    public Guid? AuthorId { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>That a party named by the engagement rules was engaged, when and by whom.</summary>
public sealed class Engagement
{
    public Guid IncidentId { get; init; }
    public required string Party { get; init; }
    public DateTimeOffset EngagedAt { get; init; }
    public Guid EngagedById { get; init; }
    public string? Note { get; init; }
}

/// <summary>
/// A notification clock that started for an incident. Its start and due time are kept as computed when it started, so
/// a later policy change does not move a deadline already running; a correction of the incident's own times does.
/// </summary>
public sealed class IncidentClock
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid IncidentId { get; init; }
    /// <summary>The rule's key, with the customer tier for per-tier rules: <c>customer-sla:enterprise</c>.</summary>
    public required string Key { get; init; }
    public required string Rule { get; init; }
    public required string Name { get; set; }
    public required string Period { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset? MetAt { get; set; }
    public Guid? MetById { get; set; }
    /// <summary>The published communication that met it.</summary>
    public Guid? MetByCommunicationId { get; set; }
    /// <summary>What shows it was met outside SecComms, such as a regulator's case number.</summary>
    public string? Evidence { get; set; }
    /// <summary>When the clock was recorded as missed; it stays missed even if met later.</summary>
    public DateTimeOffset? MissedAt { get; set; }
    /// <summary>How many of the rule's escalation thresholds have been announced.</summary>
    public int Escalations { get; set; }
    /// <summary>When the rule stopped applying (its condition no longer holds) before the clock was met.</summary>
    public DateTimeOffset? WithdrawnAt { get; set; }
}

/// <summary>A proposal not to notify the public about an incident, with its reason and each required team's approval.</summary>
public sealed class NoPublicNotificationDecision
{
    public Guid IncidentId { get; init; }
    public required string Reason { get; set; }
    public Guid ProposedById { get; set; }
    public DateTimeOffset ProposedAt { get; set; }
    public List<DecisionApproval> Approvals { get; set; } = [];
    /// <summary>When the last required team approved; from then the decision stands.</summary>
    public DateTimeOffset? DecidedAt { get; set; }
}

public sealed record DecisionApproval(string Team, Guid UserId, DateTimeOffset At);

internal sealed class TimelineEntryConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> builder)
    {
        builder.ToTable("incident_timeline");
        builder.HasOne<Incident>().WithMany().HasForeignKey(e => e.IncidentId);
        builder.HasIndex(e => new { e.IncidentId, e.At });
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Text).HasMaxLength(IncidentLimits.Entry);
    }
}

internal sealed class EngagementConfiguration : IEntityTypeConfiguration<Engagement>
{
    public void Configure(EntityTypeBuilder<Engagement> builder)
    {
        builder.ToTable("incident_engagements");
        builder.HasKey(e => new { e.IncidentId, e.Party });
        builder.HasOne<Incident>().WithMany().HasForeignKey(e => e.IncidentId);
        builder.Property(e => e.Party).HasMaxLength(IncidentLimits.Label);
        builder.Property(e => e.Note).HasMaxLength(IncidentLimits.Evidence);
    }
}

internal sealed class IncidentClockConfiguration : IEntityTypeConfiguration<IncidentClock>
{
    public void Configure(EntityTypeBuilder<IncidentClock> builder)
    {
        builder.ToTable("incident_clocks");
        builder.HasOne<Incident>().WithMany().HasForeignKey(c => c.IncidentId);
        builder.HasIndex(c => new { c.IncidentId, c.Key }).IsUnique();
        builder.HasIndex(c => c.DueAt);
        builder.Property(c => c.Key).HasMaxLength(2 * IncidentLimits.Label + 1);
        builder.Property(c => c.Rule).HasMaxLength(IncidentLimits.Label);
        builder.Property(c => c.Name).HasMaxLength(IncidentLimits.Title);
        builder.Property(c => c.Period).HasMaxLength(IncidentLimits.Label);
        builder.Property(c => c.Evidence).HasMaxLength(IncidentLimits.Evidence);
        builder.HasOne<Communications.Communication>().WithMany().HasForeignKey(c => c.MetByCommunicationId);
    }
}

internal sealed class NoPublicNotificationDecisionConfiguration : IEntityTypeConfiguration<NoPublicNotificationDecision>
{
    public void Configure(EntityTypeBuilder<NoPublicNotificationDecision> builder)
    {
        builder.ToTable("incident_no_public_notification");
        builder.HasKey(d => d.IncidentId);
        builder.HasOne<Incident>().WithMany().HasForeignKey(d => d.IncidentId);
        builder.Property(d => d.Reason).HasMaxLength(IncidentLimits.Entry);
        builder.Property(d => d.Approvals).HasConversion(JsonColumn.Converter<List<DecisionApproval>>(), JsonColumn.Comparer<DecisionApproval>());
    }
}
