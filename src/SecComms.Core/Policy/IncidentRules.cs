using SecComms.Core.Incidents;
using SecComms.Core.Incidents.Clocks;

namespace SecComms.Core.Policy;

/// <summary>The incident communications plan: severities, who is engaged when, the clocks that run, and what every external message needs.</summary>
/// <remarks>
/// <para><c>Severities</c>: What each severity asks for: update cadence and approval windows.</para>
/// <para><c>Parties</c>: The people and groups engagement rules name, by key.</para>
/// <para><c>Engagement</c>: Who must be engaged when, in policy order.</para>
/// <para><c>Clocks</c>: The regulatory and contractual notification clocks, by key.</para>
/// <para><c>ExternalMessageRequires</c>: The variants every external message about an incident must have besides its body and email.</para>
/// <para><c>NoPublicNotificationApprovers</c>: The teams that must each approve a decision not to notify the public.</para>
/// <para><c>QuorumFallback</c>: Who may still approve when a send deadline is near; null when the policy allows no fallback.</para>
/// </remarks>
public sealed record IncidentRules(
    IReadOnlyDictionary<IncidentSeverity, SeverityRules> Severities,
    IReadOnlyDictionary<string, Party> Parties,
    IReadOnlyList<EngagementRule> Engagement,
    IReadOnlyDictionary<string, ClockRule> Clocks,
    IReadOnlyList<string> ExternalMessageRequires,
    IReadOnlyList<string> NoPublicNotificationApprovers,
    QuorumFallbackRule? QuorumFallback)
{
    public static readonly IncidentRules Default = new(
        Enum.GetValues<IncidentSeverity>().ToDictionary(s => s, _ => SeverityRules.Quiet),
        new Dictionary<string, Party>(), [], new Dictionary<string, ClockRule>(), [], [Identity.Actor.SecurityTeam], null);

    public SeverityRules For(IncidentSeverity severity) => Severities.GetValueOrDefault(severity) ?? SeverityRules.Quiet;
}

/// <remarks>
/// <para><c>Name</c>: How people call the severity, such as "Critical".</para>
/// <para><c>UpdateEvery</c>: How often the communications manager posts an internal update; null for no cadence.</para>
/// <para><c>Review</c>: How long each approver has to read a message about such an incident; null leaves the category's deadlines.</para>
/// <para><c>Approve</c>: How long each approver then has to decide.</para>
/// <para><c>Emergency</c>: Whether messages about such an incident run in emergency mode, where silent approvers' backups are engaged.</para>
/// </remarks>
public sealed record SeverityRules(string Name, TimeSpan? UpdateEvery, TimeSpan? Review, TimeSpan? Approve, bool Emergency)
{
    public static readonly SeverityRules Quiet = new("", null, null, null, false);

    /// <summary>The review and approval windows of one approval stage, when the policy sets them.</summary>
    public ApprovalWindow? Window => Review is { } review && Approve is { } approve ? new ApprovalWindow(review, approve) : null;
}

/// <summary>A person or group an engagement rule names; <paramref name="Team"/> ties it to a team when it is one.</summary>
public sealed record Party(string Key, string Name, string? Team);

/// <summary>Engage <paramref name="Engage"/> within <paramref name="Within"/> (immediately when null) of any of <paramref name="When"/> holding.</summary>
public sealed record EngagementRule(IReadOnlyList<string> Engage, IReadOnlyList<IncidentCondition> When, TimeSpan? Within);

/// <summary>
/// A notification deadline: when <paramref name="When"/> holds and the <paramref name="Start"/> event has happened, the
/// clock runs until <paramref name="Due"/> has passed, counted in <paramref name="Calendar"/>.
/// </summary>
/// <remarks>
/// <para><c>Name</c>: What the clock is for, such as "GDPR Art. 33 notification to the supervisory authority".</para>
/// <para><c>Regulatory</c>: Whether a regulator rather than a contract sets it.</para>
/// <para><c>Start</c>: An incident event (became-aware, detected, contained, resolved, materiality-determined) or <c>clock:KEY</c>, when that clock was met.</para>
/// <para><c>Due</c>: How long it runs; per tier when <paramref name="PerTier"/> is set.</para>
/// <para><c>PerTier</c>: For contractual clocks: one clock per affected customer tier, each with its own period.</para>
/// <para><c>EscalateBefore</c>: Remaining times at which the clock escalates, longest first.</para>
/// <para><c>MetByPublication</c>: Whether publishing an external message about the incident meets it.</para>
/// </remarks>
public sealed record ClockRule(
    string Key,
    string Name,
    bool Regulatory,
    IReadOnlyList<IncidentCondition> When,
    string Start,
    ClockPeriod? Due,
    IReadOnlyDictionary<string, ClockPeriod> PerTier,
    BusinessCalendar Calendar,
    IReadOnlyList<TimeSpan> EscalateBefore,
    bool MetByPublication);

/// <remarks>
/// <para><c>Teams</c>: The approving teams that must still approve: the required minimum.</para>
/// <para><c>Within</c>: How close to the nearest unmet clock's due time the fallback may be invoked.</para>
/// </remarks>
public sealed record QuorumFallbackRule(IReadOnlyList<string> Teams, TimeSpan Within);

/// <summary>A condition on an incident; every field that is set must hold.</summary>
public sealed record IncidentCondition(
    IReadOnlyList<IncidentSeverity>? Severity = null,
    IReadOnlyList<IncidentKind>? Kind = null,
    bool? PersonalData = null,
    bool? ActivelyExploited = null,
    bool? PubliclyReported = null,
    bool? Material = null,
    bool? CustomersAffected = null,
    bool? Regulatory = null,
    IReadOnlyList<string>? Regions = null,
    IReadOnlyList<string>? CustomerTiers = null,
    IReadOnlyList<string>? DataCategories = null)
{
    /// <remarks>
    /// <para><c>regulatory</c>: Whether a regulatory clock applies to the incident.</para>
    /// </remarks>
    public bool Holds(Incident incident, bool regulatory) =>
        (Severity is null || Severity.Contains(incident.Severity))
        && (Kind is null || Kind.Contains(incident.Kind))
        && (PersonalData is null || PersonalData == incident.PersonalData)
        && (ActivelyExploited is null || ActivelyExploited == incident.ActivelyExploited)
        && (PubliclyReported is null || PubliclyReported == incident.PubliclyReported)
        && (Material is null || Material == (incident.MaterialityDeterminedAt is not null))
        && (CustomersAffected is null || CustomersAffected == incident.CustomersAffected)
        && (Regulatory is null || Regulatory == regulatory)
        && AnyOf(Regions, incident.Regions)
        && AnyOf(CustomerTiers, incident.CustomerTiers)
        && AnyOf(DataCategories, incident.DataCategories);

    private static bool AnyOf(IReadOnlyList<string>? wanted, IReadOnlyList<string> present) =>
        wanted is null || wanted.Any(w => present.Contains(w, StringComparer.OrdinalIgnoreCase));
}

/// <summary>How long one approver has to read and then to decide on a message about an incident.</summary>
public sealed record ApprovalWindow(TimeSpan Review, TimeSpan Approve)
{
    public TimeSpan Total => Review + Approve;
}

public static class IncidentEvents
{
    public const string Detected = "detected";
    public const string BecameAware = "became-aware";
    public const string MaterialityDetermined = "materiality-determined";
    public const string Contained = "contained";
    public const string Resolved = "resolved";
    public const string ClockPrefix = "clock:";
    public static readonly IReadOnlySet<string> All = new HashSet<string> { Detected, BecameAware, MaterialityDetermined, Contained, Resolved };
}

/// <summary>The variants an external message about an incident may be required to carry.</summary>
public static class MessageVariants
{
    public const string SupportFaq = "support-faq";
    public const string Social = "social";
    public static readonly IReadOnlySet<string> All = new HashSet<string> { SupportFaq, Social };
}
