using SecComms.Core.Policy;

namespace SecComms.Core.Incidents;

/// <summary>When the communications manager owes the next internal update on an incident.</summary>
public static class UpdateCadence
{
    /// <summary>The last internal update (or awareness, before the first) plus the severity's cadence; null once resolved or without a cadence.</summary>
    public static DateTimeOffset? NextDue(Incident incident, SeverityRules rules) =>
        incident.ResolvedAt is null && rules.UpdateEvery is { } every ? (incident.LastInternalUpdateAt ?? incident.BecameAwareAt) + every : null;
}
