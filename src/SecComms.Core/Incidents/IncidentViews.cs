using SecComms.Core.Communications;

namespace SecComms.Core.Incidents;

public sealed record IncidentRolesView(PersonView? Engineer, PersonView? IncidentManager, PersonView? CommunicationsManager);

public sealed record IncidentView(
    Guid Id,
    string Reference,
    string Title,
    string Summary,
    IncidentKind Kind,
    IncidentSeverity Severity,
    string SeverityName,
    IncidentStatus Status,
    DateTimeOffset? DetectedAt,
    DateTimeOffset BecameAwareAt,
    DateTimeOffset? MaterialityDeterminedAt,
    DateTimeOffset? ContainedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ReviewStartedAt,
    bool PersonalData,
    bool ActivelyExploited,
    bool PubliclyReported,
    bool CustomersAffected,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> DataCategories,
    IReadOnlyList<string> CustomerTiers,
    IReadOnlyList<string> AffectedCustomers,
    int? AffectedCustomerCount,
    int? AffectedRecordCount,
    IncidentRolesView Roles,
    DateTimeOffset? LastInternalUpdateAt,
    DateTimeOffset? NextInternalUpdateDue,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record IncidentSummary(
    Guid Id, string Reference, string Title, IncidentKind Kind, IncidentSeverity Severity, IncidentStatus Status, DateTimeOffset BecameAwareAt,
    DateTimeOffset? ContainedAt, DateTimeOffset UpdatedAt)
{
    public static IncidentSummary From(Incident i) => new(i.Id, i.Reference, i.Title, i.Kind, i.Severity, i.Status, i.BecameAwareAt, i.ContainedAt, i.UpdatedAt);
}

public sealed record TimelineEntryView(Guid Id, DateTimeOffset At, TimelineKind Kind, string Text, PersonView? Author, DateTimeOffset RecordedAt);

public enum ClockState
{
    /// <summary>Its condition holds but its start event has not happened yet.</summary>
    Waiting,
    Running,
    /// <summary>Running, and past at least one of its escalation thresholds.</summary>
    Escalated,
    Met,
    /// <summary>Its due time passed before it was met; it stays missed even when met later.</summary>
    Missed,
    /// <summary>Its condition stopped holding before it was met.</summary>
    Withdrawn,
}

/// <remarks>
/// <para><c>Key</c>: The rule's key, with the tier for per-tier rules.</para>
/// <para><c>Period</c>: How long it runs, as the policy says it: "72 hours", "4 business days".</para>
/// <para><c>Remaining</c>: Time left until due, negative once overdue; null when met, withdrawn or waiting.</para>
/// <para><c>Escalations</c>: How many escalation thresholds it has passed.</para>
/// <para><c>MetLate</c>: Whether it was met after its due time.</para>
/// <para><c>MetBy</c>: The published communication that met it.</para>
/// </remarks>
public sealed record ClockView(
    string Key,
    string Rule,
    string Name,
    bool Regulatory,
    string Period,
    string Start,
    DateTimeOffset? StartedAt,
    DateTimeOffset? DueAt,
    TimeSpan? Remaining,
    ClockState State,
    int Escalations,
    DateTimeOffset? MetAt,
    bool MetLate,
    string? MetBy,
    string? Evidence,
    DateTimeOffset? MissedAt,
    DateTimeOffset? WithdrawnAt);

/// <summary>A running clock of one incident, as the dashboard lists them across incidents.</summary>
public sealed record RunningClockView(Guid IncidentId, string Incident, string IncidentTitle, IncidentSeverity Severity, ClockView Clock);

/// <remarks>
/// <para><c>Party</c>: The party's key.</para>
/// <para><c>Rules</c>: Why they must be engaged: the conditions that hold, in words.</para>
/// <para><c>DueAt</c>: By when: awareness plus the rule's "within", or at once.</para>
/// <para><c>EngagedAt</c>: When they were recorded as engaged; null while they still must be.</para>
/// </remarks>
public sealed record EngagementView(
    string Party, string Name, string? Team, IReadOnlyList<string> Rules, DateTimeOffset DueAt, bool Overdue, DateTimeOffset? EngagedAt, PersonView? EngagedBy,
    string? Note);

/// <summary>A message of the incident's communication set, and where it stands.</summary>
public sealed record IncidentMessageView(Guid Id, string Reference, string Category, IncidentPart? Part, string Title, CommunicationStatus Status,
    bool HasSupportFaq, bool HasSocialStatement, DateTimeOffset? PublishedAt);

public sealed record DecisionApprovalView(string Team, PersonView Approver, DateTimeOffset At);

/// <remarks>
/// <para><c>Waiting</c>: The teams whose approval the decision still needs.</para>
/// </remarks>
public sealed record NoPublicNotificationView(
    string Incident,
    string IncidentTitle,
    string Reason, PersonView ProposedBy, DateTimeOffset ProposedAt, IReadOnlyList<DecisionApprovalView> Approvals, IReadOnlyList<string> Waiting,
    DateTimeOffset? DecidedAt);
