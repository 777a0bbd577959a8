namespace SecComms.Cli.Audiences;

/// <remarks>
/// The CLI's own view of the API's JSON: what it shows, with enums kept as the words the server sends, so a newer server
/// with more tiers, roles or deployments still works with this CLI.
/// </remarks>
internal sealed record ImportReport(long Rows, long Created, long Updated, long Unchanged, long Skipped, long OrganizationsCreated, IReadOnlyList<BadRow> BadRows);

internal sealed record BadRow(long Line, string Field, string Message);

internal sealed record Page<T>(IReadOnlyList<T> Items, int Total);

internal sealed record OrganizationSummary(Guid Id, string Name, string? Tier, string? Deployment, string? ProductVersion, string? Region, int Contacts);

internal sealed record ContactSummary(Guid Id, string Email, string Name, string Organization, string Role, bool Subscribed, DateTimeOffset? UnsubscribedAt);

internal sealed record SegmentDetail(
    Guid Id,
    string Key,
    string Name,
    string? Description,
    bool Mandatory,
    IReadOnlyList<string> Tiers,
    IReadOnlyList<string> Deployments,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> ProductVersions,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Organizations,
    int Recipients);

internal sealed record AudiencePreview(string Audience, bool Mandatory, int Recipients, int Organizations, IReadOnlyList<ContactSummary> Sample);

internal sealed record CommunicationAudience(string? Segment, bool AffectedCustomers, bool RequireAcknowledgement, AudiencePreview? Preview,
    string? NoRecipientsReason);
