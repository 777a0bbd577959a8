using SecComms.Core.Communications;
using SecComms.Core.Vulnerabilities;
using SecComms.Core.Workflow;

namespace SecComms.Core.Releases;

/// <param name="Title">What people call it, such as "18.4.2, 18.3.5, 18.2.9"; the versions when omitted.</param>
/// <param name="Kind">planned, critical or emergency.</param>
/// <param name="PlannedFor">When it is planned to ship.</param>
/// <param name="Product">The product it ships, as its communications name it.</param>
/// <param name="Versions">The versions it ships, newest line first, such as ["18.4.2", "18.3.5", "18.2.9"].</param>
public sealed record NewSecurityRelease(string? Title, ReleaseKind? Kind, DateTimeOffset? PlannedFor, string? Product = null, IReadOnlyList<string>? Versions = null);

/// <summary>A day of the release calendar as the planner sees it: the calendar's release that day, and the releases planned for it.</summary>
/// <param name="Date">The day, in UTC, as plans name it.</param>
/// <param name="Entry">The calendar's release that day; null for a day the calendar does not give, where only plans fall.</param>
/// <param name="Planned">The releases not yet published planned for the day; on a regular release's day, none.</param>
public sealed record PlannedDay(DateOnly Date, Calendar.ReleaseCalendarEntry? Entry, IReadOnlyList<SecurityReleaseView> Planned);

/// <summary>Which releases to list; each filter narrows the list.</summary>
/// <remarks>
/// <c>Search</c> matches the title and the product; <c>Reference</c> finds one, such as SR-3; <c>Cursor</c> is the
/// previous page's <c>NextCursor</c>; <c>Limit</c> is how many to a page, 1 to 100.
/// </remarks>
public sealed record ReleaseFilter(ReleaseStatus? Status = null, ReleaseKind? Kind = null, string? Search = null, string? Reference = null,
    string? Cursor = null, int Limit = 25);

/// <param name="VulnerabilityIds">Every vulnerability the release ships the fix of; replaces the current list.</param>
public sealed record ReleaseVulnerabilitiesRequest(IReadOnlyList<Guid>? VulnerabilityIds);

/// <param name="LeaveBehind">Armed communications (by reference) to leave behind, disarmed, if they cannot go out with the release.</param>
public sealed record PublishReleaseRequest(IReadOnlyList<string>? LeaveBehind);

public sealed record SecurityReleaseView(
    Guid Id,
    string Reference,
    string Title,
    ReleaseKind Kind,
    ReleaseStatus Status,
    DateTimeOffset? PlannedFor,
    DateTimeOffset? PublishedAt,
    DateTimeOffset CreatedAt)
{
    public string? Product { get; init; }
    public IReadOnlyList<string> Versions { get; init; } = [];
    public DateTimeOffset? PreparedAt { get; init; }

    /// <summary>Why its planned day does not follow the release calendar, as a sentence; null when it does or once it is published. A warning, never a refusal.</summary>
    public string? CalendarWarning { get; init; }

    public static SecurityReleaseView From(SecurityRelease r) => new(r.Id, r.Reference, r.Title, r.Kind, r.Status, r.PlannedFor, r.PublishedAt, r.CreatedAt)
    {
        Product = r.Product,
        Versions = r.Versions,
        PreparedAt = r.PreparedAt,
    };
}

/// <param name="Vulnerabilities">How many vulnerabilities the release fixes.</param>
/// <param name="Communications">How many communications linked to it the reader may see.</param>
public sealed record ReleaseCounts(int Vulnerabilities, int Communications);

/// <summary>A release with what it ships, the communications it generated and anything that disagrees between them.</summary>
public sealed record SecurityReleaseDetails(
    SecurityReleaseView Release,
    int VulnerabilityCount,
    IReadOnlyList<ReleaseVulnerability> Vulnerabilities,
    IReadOnlyList<ReleaseCommunication> Communications,
    IReadOnlyList<string> MinorLines,
    int SupportedMinorLines,
    IReadOnlyList<ConsistencyFinding> Inconsistencies)
{
    /// <summary>The communications armed to ship with it, and whether each would go out if it were published now.</summary>
    public IReadOnlyList<ArmedCommunication> Armed { get; init; } = [];
}

/// <summary>A bundled vulnerability; listed only to the teams that may see vulnerabilities, the others see the count.</summary>
public sealed record ReleaseVulnerability(Guid Id, string Reference, string Title, string? CveId, string? Severity, VulnerabilityStatus Status,
    IReadOnlyList<string> FixedVersions);

/// <param name="Id">The communication.</param>
/// <param name="Reference">Its SC number.</param>
/// <param name="Part">blog-post, customer-email or advisory; null for one linked by hand.</param>
/// <param name="Title">Its current title.</param>
/// <param name="Status">Where it is in the workflow.</param>
/// <param name="Emergency">Whether it runs on emergency deadlines: never once it is out.</param>
/// <param name="WaitingOn">The team whose approval it waits for, if it is in review.</param>
/// <param name="VulnerabilityReference">The vulnerability an advisory describes.</param>
/// <param name="ShipsWithRelease">Armed to be published in the transaction that publishes the release.</param>
public sealed record ReleaseCommunication(Guid Id, string Reference, ReleasePart? Part, string Title, CommunicationStatus Status, bool Emergency,
    string? WaitingOn, string? VulnerabilityReference, bool ShipsWithRelease);

/// <summary>Something a release's communications state differently from the vulnerability records, and where.</summary>
/// <param name="Communication">The communication that disagrees ("SC-12"), or null when the records themselves disagree.</param>
/// <param name="Vulnerability">The vulnerability concerned ("VULN-3").</param>
/// <param name="Message">What disagrees, in words.</param>
/// <param name="Field">The vulnerability's field at fault, such as <c>affected[1].fixed</c>, when the records themselves disagree.</param>
public sealed record ConsistencyFinding(string? Communication, string? Vulnerability, string Message, string? Field = null);
