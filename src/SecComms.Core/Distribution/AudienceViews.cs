namespace SecComms.Core.Distribution;

public sealed record OrganizationView(Guid Id, string Name, string? Tier, Deployment? Deployment, string? ProductVersion, string? Region, int Contacts)
{
    public static OrganizationView From(Organization o, int contacts) => new(o.Id, o.Name, o.Tier, o.Deployment, o.ProductVersion, o.Region, contacts);
}

public sealed record ContactView(Guid Id, string Email, string Name, string Organization, ContactRole Role, bool Subscribed, DateTimeOffset? UnsubscribedAt);

public sealed record SegmentView(
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
    int Recipients)
{
    public static SegmentView From(Segment s, int recipients) =>
        new(s.Id, s.Key, s.Name, s.Description, s.Mandatory, s.Tiers, s.Deployments, s.Regions, s.ProductVersions, s.Roles, s.Organizations, recipients);
}

/// <summary>Who an audience reaches now: how many contacts at how many organizations, with the first few.</summary>
public sealed record AudiencePreview(string Audience, bool Mandatory, int Recipients, int Organizations, IReadOnlyList<ContactView> Sample);

/// <summary>A communication's email audience and who it reaches now.</summary>
/// <remarks><c>NoRecipientsReason</c>: why its email goes to no one, when that was chosen instead of an audience.</remarks>
public sealed record CommunicationAudienceView(string? Segment, bool AffectedCustomers, bool RequireAcknowledgement, AudiencePreview? Preview,
    string? NoRecipientsReason);

public sealed record Page<T>(IReadOnlyList<T> Items, int Total);
