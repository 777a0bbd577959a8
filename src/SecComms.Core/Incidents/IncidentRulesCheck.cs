using SecComms.Core.Errors;

namespace SecComms.Core.Incidents;

/// <summary>The checks every incident must pass after any change: limits, and a timeline that could have happened.</summary>
internal static class IncidentRulesCheck
{
    /// <remarks>
    /// <para><c>givenAs</c>: For a status change: the field it set, reported as <c>at</c>, where the caller gave it.</para>
    /// </remarks>
    public static void Validate(Incident incident, DateTimeOffset now, string? givenAs = null)
    {
        string Field(string name) => name == givenAs ? "at" : name;
        var validation = new Validation()
            .MaxLength(incident.Title, IncidentLimits.Title, "title")
            .PlainText(incident.Title, "title")
            .MaxLength(incident.Summary, IncidentLimits.Summary, "summary")
            .PlainText(incident.Summary, "summary", multiline: true)
            .Require(incident.AffectedCustomerCount is null or >= 0, "affectedCustomerCount", "affectedCustomerCount cannot be negative.")
            .Require(incident.AffectedRecordCount is null or >= 0, "affectedRecordCount", "affectedRecordCount cannot be negative.");
        Labels(validation, incident.Regions, "regions");
        Labels(validation, incident.DataCategories, "dataCategories");
        Labels(validation, incident.CustomerTiers, "customerTiers");
        Labels(validation, incident.AffectedCustomers, "affectedCustomers", IncidentLimits.Title);

        foreach (var (name, at) in new[]
        {
            ("detectedAt", incident.DetectedAt), ("becameAwareAt", incident.BecameAwareAt), ("materialityDeterminedAt", incident.MaterialityDeterminedAt),
            ("containedAt", incident.ContainedAt), ("resolvedAt", incident.ResolvedAt), ("reviewStartedAt", incident.ReviewStartedAt),
        })
        {
            validation.Require(at is null || at <= now, Field(name), $"{name} cannot be in the future; now is {Moment.Text(now)}.");
        }
        var detected = incident.DetectedAt ?? incident.BecameAwareAt;
        validation
            .Require(incident.DetectedAt is null || incident.DetectedAt <= incident.BecameAwareAt, Field("detectedAt"),
                $"detectedAt ({Moment.Text(incident.DetectedAt)}) cannot be after becameAwareAt ({Moment.Text(incident.BecameAwareAt)}): the company became aware of what was detected.")
            .Require(incident.MaterialityDeterminedAt is null || incident.MaterialityDeterminedAt >= incident.BecameAwareAt, "materialityDeterminedAt",
                $"materialityDeterminedAt cannot be before becameAwareAt ({Moment.Text(incident.BecameAwareAt)}).")
            .Require(incident.ContainedAt is null || incident.ContainedAt >= detected, Field("containedAt"),
                $"containedAt ({Moment.Text(incident.ContainedAt)}) cannot be before the incident was detected ({Moment.Text(detected)}).")
            .Require(incident.ResolvedAt is null || incident.ContainedAt is null || incident.ResolvedAt >= incident.ContainedAt, Field("resolvedAt"),
                $"resolvedAt ({Moment.Text(incident.ResolvedAt)}) cannot be before containedAt ({Moment.Text(incident.ContainedAt)}).")
            .Require(incident.ResolvedAt is null || incident.ResolvedAt >= detected, Field("resolvedAt"),
                $"resolvedAt ({Moment.Text(incident.ResolvedAt)}) cannot be before the incident was detected ({Moment.Text(detected)}).")
            .Require(incident.ReviewStartedAt is null || incident.ResolvedAt is null || incident.ReviewStartedAt >= incident.ResolvedAt, Field("reviewStartedAt"),
                $"reviewStartedAt cannot be before resolvedAt ({Moment.Text(incident.ResolvedAt)}).")
            .ThrowIfInvalid();
    }

    private static void Labels(Validation validation, List<string> labels, string field, int max = IncidentLimits.Label)
    {
        validation
            .Require(labels.Count <= IncidentLimits.Labels, field, $"{field} may list at most {IncidentLimits.Labels} values.")
            .Require(labels.All(l => l.Length > 0), field, $"{field} cannot contain an empty value.")
            .Require(labels.All(l => l.Length <= max), field, $"each of {field} must be at most {max} characters.")
            .Require(labels.All(l => !l.Any(char.IsControl)), field, $"{field} must not contain control characters.");
    }
}
