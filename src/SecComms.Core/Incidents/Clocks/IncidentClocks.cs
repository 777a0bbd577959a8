using Microsoft.EntityFrameworkCore;
using SecComms.Core.Audit;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Policy;
using SecComms.Core.Workflow;

namespace SecComms.Core.Incidents.Clocks;

/// <summary>
/// Starts, moves and withdraws an incident's notification clocks as its facts change, marks them met, and lists them.
/// A clock once started is never deleted: met, missed and withdrawn clocks stay on the record.
/// </summary>
public sealed class IncidentClocks(SecCommsDb db, WriteScope writes, AuditTrail audit, SecCommsPolicy policy, TimeProvider time)
{
    public const string Started = "incident.clock-started";
    public const string Moved = "incident.clock-moved";
    public const string Withdrawn = "incident.clock-withdrawn";
    public const string Met = "incident.clock-met";
    public const string Escalated = "incident.clock-escalated";
    public const string Missed = "incident.clock-missed";

    /// <summary>Brings the incident's clocks in line with its facts; runs inside the caller's write scope.</summary>
    internal async Task SyncAsync(Incident incident, string actorEmail, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rows = await db.IncidentClocks.AsTracking().Where(c => c.IncidentId == incident.Id).ToDictionaryAsync(c => c.Key, cancellationToken);
        var metAt = rows.Values.ToDictionary(c => c.Key, c => c.MetAt);
        var planned = ClockPlan.For(incident, policy.Incidents, metAt).Where(p => p.StartedAt is not null).ToList();
        foreach (var clock in planned)
        {
            var started = clock.StartedAt!.Value;
            var due = clock.DueAt!.Value;
            if (!rows.TryGetValue(clock.Key, out var row))
            {
                row = new IncidentClock
                {
                    IncidentId = incident.Id,
                    Key = clock.Key,
                    Rule = clock.Rule.Key,
                    Name = clock.Name,
                    Period = clock.Period.Format(),
                    StartedAt = started,
                    DueAt = due,
                };
                db.IncidentClocks.Add(row);
                await RecordAsync(actorEmail, Started, incident, row, cancellationToken);
                Entry(incident, started, $"Clock started: {row.Name}, due {StageDeadline.Format(due)} ({row.Period}).");
            }
            else if (row.MetAt is null && row.MissedAt is null && (row.StartedAt != started || row.DueAt != due || row.WithdrawnAt is not null))
            {
                var before = row.DueAt;
                (row.StartedAt, row.DueAt, row.WithdrawnAt) = (started, due, null);
                await RecordAsync(actorEmail, Moved, incident, row, cancellationToken, new { PreviousDueAt = before });
                Entry(incident, now, $"Clock {row.Name} now due {StageDeadline.Format(due)}.");
            }
        }
        var keys = planned.Select(p => p.Key).ToHashSet();
        foreach (var row in rows.Values.Where(r => !keys.Contains(r.Key) && r.MetAt is null && r.MissedAt is null && r.WithdrawnAt is null && now < r.DueAt))
        {
            row.WithdrawnAt = now;
            await RecordAsync(actorEmail, Withdrawn, incident, row, cancellationToken);
            Entry(incident, now, $"Clock withdrawn, its condition no longer holds: {row.Name}.");
        }
    }

    /// <summary>Every clock of the incident: started ones from the record, then those waiting for their start event.</summary>
    public async Task<IReadOnlyList<ClockView>> ListAsync(Actor actor, Guid incidentId, CancellationToken cancellationToken)
    {
        Incidents.EnsureSecurity(actor, write: false);
        var incident = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == incidentId, cancellationToken)
            ?? throw new NotFoundException($"No incident {incidentId}.");
        var rows = await db.IncidentClocks.AsNoTracking().Where(c => c.IncidentId == incidentId).ToListAsync(cancellationToken);
        return await ViewsAsync(incident, rows, cancellationToken);
    }

    /// <summary>
    /// The open clocks of every incident, the soonest due first, for the dashboard; empty outside the security team. A
    /// resolved incident's clock that was never met still owes its notification, so it stays until met or withdrawn.
    /// </summary>
    public async Task<IReadOnlyList<RunningClockView>> RunningAsync(Actor actor, CancellationToken cancellationToken)
    {
        if (!actor.IsInTeam(Actor.SecurityTeam))
        {
            return [];
        }
        var rows = await db.IncidentClocks.AsNoTracking().Where(c => c.MetAt == null && c.WithdrawnAt == null).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.IncidentId).Distinct().ToList();
        var incidents = await db.Incidents.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        var now = time.GetUtcNow();
        return [.. rows.OrderBy(r => r.DueAt)
            .Select(r => new RunningClockView(r.IncidentId, incidents[r.IncidentId].Reference, incidents[r.IncidentId].Title, incidents[r.IncidentId].Severity,
                ClockStates.View(r, RuleOf(r), null, now)))];
    }

    /// <summary>Marks a clock met by the notification that was sent: a published communication about the incident, or evidence of a filing.</summary>
    public async Task<ClockView> MarkMetAsync(Actor actor, Guid incidentId, string key, ClockMetRequest request, CancellationToken cancellationToken)
    {
        Incidents.EnsureSecurity(actor, write: true);
        var evidence = request.Evidence?.Trim();
        var now = time.GetUtcNow();
        new Validation()
            .Require(request.CommunicationId is not null || !string.IsNullOrEmpty(evidence), "communicationId",
                "Name the notification that met the clock: communicationId of a published communication about the incident, or evidence such as a regulator's case number.")
            .MaxLength(evidence, IncidentLimits.Evidence, "evidence")
            .PlainText(evidence, "evidence")
            .Require(request.At is null || request.At <= now, "at", $"at cannot be in the future; now is {Moment.Text(now)}.")
            .ThrowIfInvalid();
        await writes.RunAsync(async () =>
        {
            var incident = await db.Incidents.AsTracking().FirstOrDefaultAsync(i => i.Id == incidentId, cancellationToken)
                ?? throw new NotFoundException($"No incident {incidentId}.");
            var clock = await db.IncidentClocks.AsTracking().FirstOrDefaultAsync(c => c.IncidentId == incidentId && c.Key == key, cancellationToken)
                ?? throw new NotFoundException($"{incident.Reference} has no started clock '{key}'.");
            if (clock.MetAt is { } metAt)
            {
                throw new ConflictException($"{clock.Name} of {incident.Reference} was already met at {Moment.Text(metAt)}.");
            }
            Communication? communication = null;
            if (request.CommunicationId is { } communicationId)
            {
                communication = await db.Communications.AsNoTracking().FirstOrDefaultAsync(c => c.Id == communicationId, cancellationToken);
                new Validation()
                    .Require(communication is not null && communication.IncidentId == incidentId, "communicationId",
                        $"There is no communication {communicationId} about {incident.Reference}.")
                    .Require(communication is null || communication.IncidentId != incidentId || communication.PublishedAt is not null, "communicationId",
                        $"{communication?.Reference} is not published; a clock is met by a notification that was sent.")
                    .ThrowIfInvalid();
            }
            var at = request.At ?? communication?.PublishedAt ?? now;
            new Validation()
                .Require(at >= incident.BecameAwareAt, "at", $"at cannot be before the company became aware of {incident.Reference} ({Moment.Text(incident.BecameAwareAt)}).")
                .ThrowIfInvalid();
            await MeetAsync(actor.Email, actor.UserId, incident, clock, at, communication, evidence, cancellationToken);
            incident.UpdatedAt = now;
            await SyncAsync(incident, actor.Email, cancellationToken);
        }, cancellationToken);
        return (await ListAsync(actor, incidentId, cancellationToken)).Single(c => c.Key == key);
    }

    /// <summary>A published external message about the incident meets its open clocks whose rule says publication meets them.</summary>
    internal async Task MeetByPublicationAsync(string actorEmail, Communication communication, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (communication.IncidentId is not { } incidentId)
        {
            return;
        }
        var incident = await db.Incidents.AsTracking().SingleAsync(i => i.Id == incidentId, cancellationToken);
        var open = await db.IncidentClocks.AsTracking()
            .Where(c => c.IncidentId == incidentId && c.MetAt == null && c.WithdrawnAt == null && c.StartedAt <= at).ToListAsync(cancellationToken);
        foreach (var clock in open.Where(c => RuleOf(c)?.MetByPublication == true))
        {
            await MeetAsync(actorEmail, null, incident, clock, at, communication, null, cancellationToken);
        }
        await SyncAsync(incident, actorEmail, cancellationToken);
    }

    /// <summary>Records escalations and misses that are due; runs inside the sweep's write scope. Returns how many it recorded.</summary>
    /// <summary>The open clocks that are missed or escalate now, read without the writer lock; <see cref="SweepAsync"/> records each.</summary>
    internal async Task<IReadOnlyList<(Guid Id, string Name)>> DueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var open = await db.IncidentClocks.AsNoTracking().Where(c => c.MetAt == null && c.WithdrawnAt == null && c.MissedAt == null).ToListAsync(cancellationToken);
        return [.. open.Where(c => now >= c.DueAt || ClockStates.EscalationLevel(RuleOf(c), c.DueAt, now) > c.Escalations).Select(c => (c.Id, c.Name))];
    }

    /// <summary>Records the clock missed or escalated if it still is, inside the caller's write scope; returns how many events it recorded.</summary>
    internal async Task<int> SweepAsync(Guid clockId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var clock = await db.IncidentClocks.AsTracking().FirstOrDefaultAsync(c => c.Id == clockId && c.MetAt == null && c.WithdrawnAt == null && c.MissedAt == null,
            cancellationToken);
        if (clock is null)
        {
            return 0;
        }
        var incident = await db.Incidents.AsTracking().SingleAsync(i => i.Id == clock.IncidentId, cancellationToken);
        if (now >= clock.DueAt)
        {
            clock.MissedAt = clock.DueAt;
            await RecordAsync(SystemActor, Missed, incident, clock, cancellationToken);
            Entry(incident, clock.DueAt, $"Clock missed: {clock.Name} was due {StageDeadline.Format(clock.DueAt)} and no notification is recorded.");
            return 1;
        }
        var level = ClockStates.EscalationLevel(RuleOf(clock), clock.DueAt, now);
        if (level <= clock.Escalations)
        {
            return 0;
        }
        clock.Escalations = level;
        await RecordAsync(SystemActor, Escalated, incident, clock, cancellationToken, new { Level = level, Remaining = Policy.Durations.Format(clock.DueAt - now) });
        Entry(incident, now, $"Clock escalated: {clock.Name} is due {StageDeadline.Format(clock.DueAt)}.");
        return 1;
    }

    internal async Task<IReadOnlyList<ClockView>> ViewsAsync(Incident incident, IReadOnlyList<IncidentClock> rows, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var communicationIds = rows.Select(r => r.MetByCommunicationId).OfType<Guid>().ToList();
        var references = await db.Communications.AsNoTracking().Where(c => communicationIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Reference, cancellationToken);
        var started = rows.Select(r => r.Key).ToHashSet();
        var waiting = ClockPlan.For(incident, policy.Incidents, rows.ToDictionary(r => r.Key, r => r.MetAt))
            .Where(p => p.StartedAt is null && !started.Contains(p.Key));
        return [
            .. rows.OrderBy(r => r.DueAt).ThenBy(r => r.Key)
                .Select(r => ClockStates.View(r, RuleOf(r), r.MetByCommunicationId is { } c ? references.GetValueOrDefault(c) : null, now)),
            .. waiting.Select(ClockStates.Waiting),
        ];
    }

    private const string SystemActor = "system";

    private ClockRule? RuleOf(IncidentClock clock) => policy.Incidents.Clocks.GetValueOrDefault(clock.Rule);

    private async Task MeetAsync(string actorEmail, Guid? userId, Incident incident, IncidentClock clock, DateTimeOffset at, Communication? communication,
        string? evidence, CancellationToken cancellationToken)
    {
        clock.MetAt = at;
        clock.MetById = userId;
        clock.MetByCommunicationId = communication?.Id;
        clock.Evidence = evidence;
        if (at > clock.DueAt)
        {
            clock.MissedAt ??= clock.DueAt;
        }
        await RecordAsync(actorEmail, Met, incident, clock, cancellationToken, new { MetBy = communication?.Reference, Evidence = evidence, Late = at > clock.DueAt });
        Entry(incident, at, $"Clock met{(at > clock.DueAt ? " late" : "")}: {clock.Name}, by {communication?.Reference ?? evidence}.");
    }

    private void Entry(Incident incident, DateTimeOffset at, string text) =>
        db.TimelineEntries.Add(new TimelineEntry { IncidentId = incident.Id, At = at, Kind = TimelineKind.Clock, Text = text, RecordedAt = time.GetUtcNow() });

    private Task<AuditEvent> RecordAsync(string actorEmail, string action, Incident incident, IncidentClock clock, CancellationToken cancellationToken,
        object? extra = null) =>
        audit.RecordAsync(actorEmail, action, Incidents.Entity(incident.Id),
            new ClockRecorded(incident.Reference, clock.Key, clock.Name, clock.Period, clock.StartedAt, clock.DueAt, clock.MetAt, extra, policy.Hash),
            cancellationToken);
}
