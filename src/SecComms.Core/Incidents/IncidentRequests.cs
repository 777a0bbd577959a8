namespace SecComms.Core.Incidents;

/// <remarks>
/// <para><c>Title</c>: A short internal name for the incident.</para>
/// <para><c>Kind</c>: breach, customer-compromise, data-loss, accidental-disclosure, misconfiguration or other.</para>
/// <para><c>Severity</c>: s1 (most severe) to s4.</para>
/// <para><c>BecameAwareAt</c>: When the company became aware of it; regulatory clocks run from here.</para>
/// <para><c>PersonalData</c>: Whether personal data is involved.</para>
/// <para><c>Details</c>: Everything else known so far; all optional.</para>
/// </remarks>
public sealed record NewIncident(
    string? Title, IncidentKind? Kind, IncidentSeverity? Severity, DateTimeOffset? BecameAwareAt, bool? PersonalData, IncidentDetails? Details = null);

/// <summary>The facts of an incident that may be given when it is opened and changed later; null keeps what is recorded.</summary>
/// <remarks>
/// <para><c>Roles</c>: Who is on call for it, by email; each must be in the security team.</para>
/// <para><c>Regions</c>: Where affected people or systems are, such as EU or US.</para>
/// <para><c>DataCategories</c>: The kinds of data involved, such as credentials, financial or private.</para>
/// <para><c>CustomerTiers</c>: The contract tiers of affected customers; each starts its contractual notification clock.</para>
/// <para><c>AffectedCustomers</c>: The affected customers by name.</para>
/// </remarks>
public sealed record IncidentDetails(
    string? Summary = null,
    DateTimeOffset? DetectedAt = null,
    DateTimeOffset? MaterialityDeterminedAt = null,
    bool? ActivelyExploited = null,
    bool? PubliclyReported = null,
    IReadOnlyList<string>? Regions = null,
    IReadOnlyList<string>? DataCategories = null,
    IReadOnlyList<string>? CustomerTiers = null,
    IReadOnlyList<string>? AffectedCustomers = null,
    int? AffectedCustomerCount = null,
    int? AffectedRecordCount = null,
    IncidentRolesInput? Roles = null);

/// <summary>The people on call, by email; an empty string clears a role, null keeps it.</summary>
public sealed record IncidentRolesInput(string? Engineer = null, string? IncidentManager = null, string? CommunicationsManager = null);

/// <summary>A change to an incident; every field left null keeps its value.</summary>
public sealed record IncidentUpdate(
    string? Title = null,
    IncidentKind? Kind = null,
    IncidentSeverity? Severity = null,
    DateTimeOffset? BecameAwareAt = null,
    bool? PersonalData = null,
    IncidentDetails? Details = null);

/// <remarks>
/// <para><c>Status</c>: identified, contained, resolved or post-incident-review; an incident only moves forward.</para>
/// <para><c>At</c>: When it happened; now when omitted.</para>
/// <para><c>Note</c>: What was done, for the timeline.</para>
/// </remarks>
public sealed record StatusChangeRequest(IncidentStatus? Status, DateTimeOffset? At = null, string? Note = null);

/// <remarks>
/// <para><c>At</c>: When the incident was contained; now when omitted.</para>
/// </remarks>
public sealed record ContainmentRequest(DateTimeOffset? At);

/// <remarks>
/// <para><c>Kind</c>: note, or internal-update for an internal status update, which restarts the update cadence.</para>
/// <para><c>Text</c>: What happened or what was said.</para>
/// <para><c>At</c>: When it happened; now when omitted.</para>
/// </remarks>
public sealed record TimelineRequest(TimelineKind? Kind, string? Text, DateTimeOffset? At = null);

/// <remarks>
/// <para><c>Party</c>: The key of a party the engagement rules name.</para>
/// <para><c>Note</c>: How they were engaged, such as "paged" or "phone call".</para>
/// </remarks>
public sealed record EngageRequest(string? Party, string? Note = null);

/// <summary>Marks a clock met by the notification that was sent: a published communication, or evidence of a filing made elsewhere.</summary>
/// <remarks>
/// <para><c>CommunicationId</c>: A published communication about the incident that met it.</para>
/// <para><c>Evidence</c>: The reference of a notification sent outside SecComms, such as a regulator's case number.</para>
/// <para><c>At</c>: When the notification was sent; the communication's publication time, or now.</para>
/// </remarks>
public sealed record ClockMetRequest(Guid? CommunicationId, string? Evidence, DateTimeOffset? At = null);

/// <remarks>
/// <para><c>Reason</c>: Why the public will not be notified.</para>
/// </remarks>
public sealed record NoPublicNotificationRequest(string? Reason);

/// <remarks>
/// <para><c>Part</c>: initial-notice, update or resolution-notice.</para>
/// <para><c>Category</c>: incident-response (the default) or customer-security-notice.</para>
/// <para><c>Title</c>: The message's title; by default the incident's title, marked "Update: " or "Resolved: " for those parts.</para>
/// </remarks>
public sealed record IncidentMessageRequest(Communications.IncidentPart? Part, string? Category = null, string? Title = null);

/// <remarks>
/// <para><c>Reason</c>: Why the message cannot wait for every approving team.</para>
/// </remarks>
public sealed record QuorumFallbackRequest(string? Reason);

/// <summary>Which incidents to list; each filter narrows the list.</summary>
/// <remarks>
/// <c>Search</c> matches the title and the summary; <c>Open</c> keeps those not yet resolved (or, false, those that
/// are); <c>Reference</c> finds one, such as INC-3; <c>Cursor</c> is the previous page's <c>NextCursor</c>; <c>Limit</c>
/// is how many to a page, 1 to 100.
/// </remarks>
public sealed record IncidentFilter(IncidentStatus? Status = null, IncidentSeverity? Severity = null, string? Search = null, bool? Open = null,
    string? Reference = null, string? Cursor = null, int Limit = 25);
