using SecComms.Core.Policy;

namespace SecComms.Core.Incidents.Clocks;

/// <summary>A clock the policy says an incident has: its rule, and its start and due time once its start event has happened.</summary>
/// <remarks>
/// <para><c>Key</c>: The rule's key, with the tier for per-tier rules.</para>
/// </remarks>
public sealed record PlannedClock(string Key, ClockRule Rule, string Name, ClockPeriod Period, DateTimeOffset? StartedAt, DateTimeOffset? DueAt);

/// <summary>Reads which of the policy's clock rules apply to an incident as it stands, and when each started and is due.</summary>
public static class ClockPlan
{
    /// <remarks>
    /// <para><c>metAt</c>: When each already-started clock was met, by key, for rules that start from another clock.</para>
    /// </remarks>
    public static IReadOnlyList<PlannedClock> For(Incident incident, IncidentRules rules, IReadOnlyDictionary<string, DateTimeOffset?> metAt)
    {
        var regulatory = AppliesToRegulatory(incident, rules);
        var planned = new List<PlannedClock>();
        foreach (var rule in rules.Clocks.Values)
        {
            if (!rule.When.Any(c => c.Holds(incident, regulatory)))
            {
                continue;
            }
            var start = StartOf(incident, rule.Start, metAt);
            if (rule.PerTier.Count > 0)
            {
                foreach (var tier in incident.CustomerTiers)
                {
                    if (rule.PerTier.TryGetValue(tier, out var period))
                    {
                        var key = tier.ToLowerInvariant();
                        planned.Add(Plan($"{rule.Key}:{key}", rule, $"{rule.Name} ({key})", period, start));
                    }
                }
            }
            else if (rule.Due is { } due)
            {
                planned.Add(Plan(rule.Key, rule, rule.Name, due, start));
            }
        }
        return planned;
    }

    /// <summary>Whether any regulatory clock's condition holds; engagement rules may ask for it.</summary>
    public static bool AppliesToRegulatory(Incident incident, IncidentRules rules) =>
        rules.Clocks.Values.Any(r => r.Regulatory && r.When.Any(c => c.Holds(incident, regulatory: false)));

    private static PlannedClock Plan(string key, ClockRule rule, string name, ClockPeriod period, DateTimeOffset? start) =>
        new(key, rule, name, period, start, start is { } s ? period.DueAfter(s, rule.Calendar) : null);

    private static DateTimeOffset? StartOf(Incident incident, string start, IReadOnlyDictionary<string, DateTimeOffset?> metAt) =>
        start.StartsWith(IncidentEvents.ClockPrefix, StringComparison.Ordinal)
            ? metAt.GetValueOrDefault(start[IncidentEvents.ClockPrefix.Length..])
            : incident.EventAt(start);
}
