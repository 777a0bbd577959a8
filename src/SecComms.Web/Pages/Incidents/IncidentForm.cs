using SecComms.Core.Incidents;

namespace SecComms.Web.Pages.Incidents;

/// <summary>
/// The facts of an incident as the open and edit forms send them. Times are <c>datetime-local</c> values read as UTC;
/// regions, data categories and customer tiers are typed separated by commas; people are named by email.
/// </summary>
public sealed class IncidentForm
{
    public const string Prefix = "Form";

    public string? Title { get; set; }

    public IncidentKind? Kind { get; set; }

    public IncidentSeverity? Severity { get; set; }

    public DateTime? BecameAwareAt { get; set; }

    public bool? PersonalData { get; set; }

    public string? Summary { get; set; }

    public DateTime? DetectedAt { get; set; }

    public string? Regions { get; set; }

    public string? DataCategories { get; set; }

    public string? CustomerTiers { get; set; }

    public bool ActivelyExploited { get; set; }

    public bool PubliclyReported { get; set; }

    public string? Engineer { get; set; }

    public string? IncidentManager { get; set; }

    public string? CommunicationsManager { get; set; }

    public static IncidentForm From(IncidentView incident) => new()
    {
        Title = incident.Title,
        Kind = incident.Kind,
        Severity = incident.Severity,
        BecameAwareAt = Minute(incident.BecameAwareAt),
        PersonalData = incident.PersonalData,
        Summary = incident.Summary,
        DetectedAt = incident.DetectedAt is { } detected ? Minute(detected) : null,
        Regions = IncidentDisplay.Join(incident.Regions),
        DataCategories = IncidentDisplay.Join(incident.DataCategories),
        CustomerTiers = IncidentDisplay.Join(incident.CustomerTiers),
        ActivelyExploited = incident.ActivelyExploited,
        PubliclyReported = incident.PubliclyReported,
        Engineer = incident.Roles.Engineer?.Email ?? "",
        IncidentManager = incident.Roles.IncidentManager?.Email ?? "",
        CommunicationsManager = incident.Roles.CommunicationsManager?.Email ?? "",
    };

    public NewIncident ToNew() => new(Title, Kind, Severity, IncidentDisplay.FromInput(BecameAwareAt), PersonalData, new IncidentDetails(
        Summary: Blank(Summary) ? null : Summary,
        DetectedAt: IncidentDisplay.FromInput(DetectedAt),
        ActivelyExploited: ActivelyExploited,
        PubliclyReported: PubliclyReported,
        Regions: IncidentDisplay.Labels(Regions),
        DataCategories: IncidentDisplay.Labels(DataCategories),
        CustomerTiers: IncidentDisplay.Labels(CustomerTiers),
        Roles: new IncidentRolesInput(Email(Engineer), Email(IncidentManager), Email(CommunicationsManager))));

    /// <summary>Only what differs from what is recorded, so that an unchanged time keeps its seconds and unchanged facts move no clock.</summary>
    public IncidentUpdate ChangesFrom(IncidentView current)
    {
        var was = From(current);
        T? Changed<T>(T? value, T? before) where T : struct => Equals(value, before) ? null : value;
        IReadOnlyList<string>? ChangedLabels(string? value, string? before) =>
            IncidentDisplay.Join(IncidentDisplay.Labels(value)) == before ? null : IncidentDisplay.Labels(value);
        string? ChangedText(string? value, string? before) => (value?.Trim() ?? "") == before ? null : value?.Trim() ?? "";
        return new IncidentUpdate(
            Title: ChangedText(Title, was.Title),
            Kind: Changed(Kind, was.Kind),
            Severity: Changed(Severity, was.Severity),
            BecameAwareAt: IncidentDisplay.FromInput(Changed(BecameAwareAt, was.BecameAwareAt)),
            PersonalData: Changed(PersonalData, was.PersonalData),
            Details: new IncidentDetails(
                Summary: ChangedText(Summary, was.Summary),
                DetectedAt: IncidentDisplay.FromInput(Changed(DetectedAt, was.DetectedAt)),
                ActivelyExploited: Changed<bool>(ActivelyExploited, was.ActivelyExploited),
                PubliclyReported: Changed<bool>(PubliclyReported, was.PubliclyReported),
                Regions: ChangedLabels(Regions, was.Regions),
                DataCategories: ChangedLabels(DataCategories, was.DataCategories),
                CustomerTiers: ChangedLabels(CustomerTiers, was.CustomerTiers),
                Roles: new IncidentRolesInput(
                    ChangedText(Engineer, was.Engineer), ChangedText(IncidentManager, was.IncidentManager), ChangedText(CommunicationsManager, was.CommunicationsManager))));
    }

    /// <summary>Core's field name as the form's input name: <c>roles.engineer</c> is <c>Form.Engineer</c>; others go to the top of the form.</summary>
    public static string FieldKey(string coreField)
    {
        var name = coreField[(coreField.LastIndexOf('.') + 1)..];
        var property = typeof(IncidentForm).GetProperties().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        return property is null ? "" : $"{Prefix}.{property.Name}";
    }

    private static DateTime Minute(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, DateTimeKind.Unspecified);
    }

    private static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);

    private static string? Email(string? email) => email?.Trim() is { Length: > 0 } trimmed ? trimmed : null;
}
