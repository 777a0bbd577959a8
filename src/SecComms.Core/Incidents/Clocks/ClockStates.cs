using SecComms.Core.Policy;

namespace SecComms.Core.Incidents.Clocks;

/// <summary>Where a clock stands at an instant.</summary>
public static class ClockStates
{
    /// <summary>How many of the rule's escalation thresholds (remaining times) have been reached at <paramref name="now"/>.</summary>
    public static int EscalationLevel(ClockRule? rule, DateTimeOffset dueAt, DateTimeOffset now) =>
        rule is null ? 0 : rule.EscalateBefore.Count(threshold => now >= dueAt - threshold);

    public static ClockView View(IncidentClock clock, ClockRule? rule, string? metBy, DateTimeOffset now)
    {
        var missed = clock.MissedAt is not null || (clock.MetAt is { } metAt ? metAt > clock.DueAt : now >= clock.DueAt);
        var state = clock.MetAt is not null ? missed ? ClockState.Missed : ClockState.Met
            : clock.MissedAt is not null ? ClockState.Missed
            : clock.WithdrawnAt is not null ? ClockState.Withdrawn
            : missed ? ClockState.Missed
            : EscalationLevel(rule, clock.DueAt, now) > 0 ? ClockState.Escalated
            : ClockState.Running;
        var open = clock.MetAt is null && clock.WithdrawnAt is null;
        return new ClockView(
            clock.Key, clock.Rule, clock.Name, rule?.Regulatory ?? false, clock.Period, rule?.Start ?? "", clock.StartedAt, clock.DueAt,
            open ? clock.DueAt - now : null,
            state,
            open ? EscalationLevel(rule, clock.DueAt, now) : clock.Escalations,
            clock.MetAt,
            clock.MetAt > clock.DueAt,
            metBy,
            clock.Evidence,
            clock.MissedAt ?? (missed && clock.MetAt is null && clock.WithdrawnAt is null ? clock.DueAt : null),
            clock.WithdrawnAt);
    }

    public static ClockView Waiting(PlannedClock planned) =>
        new(planned.Key, planned.Rule.Key, planned.Name, planned.Rule.Regulatory, planned.Period.Format(), planned.Rule.Start, null, null, null,
            ClockState.Waiting, 0, null, false, null, null, null, null);
}
