using SecComms.Cli.Communications;

namespace SecComms.Cli.Incidents;

/// <remarks>The CLI's own view of the API's JSON: kinds, severities, statuses, states and parts stay the words the server sends.</remarks>
internal sealed record IncidentSummary(
    Guid Id,
    string Reference,
    string Title,
    string Kind,
    string Severity,
    string Status,
    DateTimeOffset BecameAwareAt,
    DateTimeOffset? ContainedAt,
    DateTimeOffset UpdatedAt);

internal sealed record IncidentDetail(
    Guid Id,
    string Reference,
    string Title,
    string Summary,
    string Kind,
    string Severity,
    string SeverityName,
    string Status,
    DateTimeOffset? DetectedAt,
    DateTimeOffset BecameAwareAt,
    DateTimeOffset? ContainedAt,
    DateTimeOffset? ResolvedAt,
    bool PersonalData,
    bool ActivelyExploited,
    bool PubliclyReported,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> DataCategories,
    IReadOnlyList<string> CustomerTiers,
    IncidentRoles Roles,
    DateTimeOffset? LastInternalUpdateAt,
    DateTimeOffset? NextInternalUpdateDue)
{
    public DateTimeOffset? MaterialityDeterminedAt { get; init; }

    public DateTimeOffset? ReviewStartedAt { get; init; }
}

internal sealed record IncidentRoles(Person? Engineer, Person? IncidentManager, Person? CommunicationsManager);

internal sealed record ClockDetail(
    string Key,
    string Name,
    bool Regulatory,
    string Period,
    DateTimeOffset? DueAt,
    TimeSpan? Remaining,
    string State,
    int Escalations,
    DateTimeOffset? MetAt,
    bool MetLate)
{
    public string? MetBy { get; init; }

    public string? Evidence { get; init; }
}

internal sealed record RunningClockDetail(Guid IncidentId, string Incident, string IncidentTitle, string Severity, ClockDetail Clock);

internal sealed record EngagementDetail(
    string Party, string Name, IReadOnlyList<string> Rules, DateTimeOffset DueAt, bool Overdue, DateTimeOffset? EngagedAt, Person? EngagedBy, string? Note);

internal sealed record IncidentMessageDetail(
    Guid Id, string Reference, string Category, string? Part, string Title, string Status, bool HasSupportFaq, bool HasSocialStatement, DateTimeOffset? PublishedAt);

internal sealed record TimelineEntryDetail(Guid Id, DateTimeOffset At, string Kind, string Text);
