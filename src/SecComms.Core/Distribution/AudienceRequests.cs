namespace SecComms.Core.Distribution;

public sealed record OrganizationInput(string? Name, string? Tier = null, Deployment? Deployment = null, string? ProductVersion = null, string? Region = null);

public sealed record ContactInput(string? Email, string? Name, string? Organization, ContactRole? Role = null, bool? Subscribed = null);

/// <summary>A segment's definition; every list that is not empty must match.</summary>
public sealed record SegmentInput(
    string? Key,
    string? Name,
    string? Description = null,
    bool Mandatory = false,
    IReadOnlyList<string>? Tiers = null,
    IReadOnlyList<Deployment>? Deployments = null,
    IReadOnlyList<string>? Regions = null,
    IReadOnlyList<string>? ProductVersions = null,
    IReadOnlyList<ContactRole>? Roles = null,
    IReadOnlyList<string>? Organizations = null);

/// <summary>Who a communication's email goes to when it is published.</summary>
/// <param name="Segment">A segment's key.</param>
/// <param name="AffectedCustomers">Every contact of its incident's affected customers, as a mandatory notice.</param>
/// <param name="RequireAcknowledgement">Ask each recipient to confirm receipt.</param>
/// <param name="NoRecipientsReason">Instead of an audience: the email goes to no one, and why.</param>
public sealed record AudienceChoice(string? Segment, bool AffectedCustomers = false, bool RequireAcknowledgement = false, string? NoRecipientsReason = null);
