using Microsoft.EntityFrameworkCore;
using SecComms.Core.Audit;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Incidents.Clocks;
using SecComms.Core.Policy;

namespace SecComms.Core.Incidents;

/// <summary>Who must be engaged on an incident by the policy's engagement rules, and the record that they were.</summary>
public sealed class Engagements(
    SecCommsDb db, WriteScope writes, AuditTrail audit, SecCommsPolicy policy, Incidents incidents, CommunicationService communications, TimeProvider time)
{
    /// <summary>Each party the rules call for, with why and by when, and whether it has been engaged; engaged parties the rules no longer name stay listed.</summary>
    public async Task<IReadOnlyList<EngagementView>> ListAsync(Actor actor, Guid incidentId, CancellationToken cancellationToken)
    {
        Incidents.EnsureSecurity(actor, write: false);
        var incident = await incidents.FindAsync(incidentId, tracking: false, cancellationToken);
        var engaged = await db.Engagements.AsNoTracking().Where(e => e.IncidentId == incidentId).ToDictionaryAsync(e => e.Party, cancellationToken);
        var people = await communications.PeopleAsync(engaged.Values.Select(e => e.EngagedById), cancellationToken);
        var now = time.GetUtcNow();
        var required = EngagementPlan.For(incident, policy.Incidents);
        var views = required.Select(r =>
        {
            var done = engaged.GetValueOrDefault(r.Party.Key);
            return new EngagementView(r.Party.Key, r.Party.Name, r.Party.Team, r.Reasons, r.DueAt, done is null && now > r.DueAt, done?.EngagedAt,
                done is null ? null : people.GetValueOrDefault(done.EngagedById), done?.Note);
        }).ToList();
        foreach (var extra in engaged.Values.Where(e => required.All(r => r.Party.Key != e.Party)).OrderBy(e => e.EngagedAt))
        {
            var party = policy.Incidents.Parties.GetValueOrDefault(extra.Party);
            views.Add(new EngagementView(extra.Party, party?.Name ?? extra.Party, party?.Team, [], extra.EngagedAt, false, extra.EngagedAt,
                people.GetValueOrDefault(extra.EngagedById), extra.Note));
        }
        return views;
    }

    /// <summary>Records that a party was engaged; any party the policy names may be engaged, required now or not.</summary>
    public async Task<IReadOnlyList<EngagementView>> EngageAsync(Actor actor, Guid incidentId, EngageRequest request, CancellationToken cancellationToken)
    {
        Incidents.EnsureSecurity(actor, write: true);
        var note = request.Note?.Trim();
        new Validation()
            .Require(request.Party is not null && policy.Incidents.Parties.ContainsKey(request.Party), "party",
                $"party must be one of the parties the policy names: {string.Join(", ", policy.Incidents.Parties.Keys)}.")
            .MaxLength(note, IncidentLimits.Evidence, "note")
            .PlainText(note, "note")
            .ThrowIfInvalid();
        await writes.RunAsync(async () =>
        {
            var incident = await incidents.FindAsync(incidentId, tracking: true, cancellationToken);
            if (await db.Engagements.AsNoTracking().FirstOrDefaultAsync(e => e.IncidentId == incidentId && e.Party == request.Party, cancellationToken) is { } done)
            {
                throw new ConflictException($"{policy.Incidents.Parties[done.Party].Name} was already engaged on {incident.Reference} at {Moment.Text(done.EngagedAt)}.");
            }
            var now = time.GetUtcNow();
            db.Engagements.Add(new Engagement { IncidentId = incidentId, Party = request.Party!, EngagedAt = now, EngagedById = actor.UserId, Note = note });
            incident.UpdatedAt = now;
            incidents.AddEntry(incident, TimelineKind.Engagement, now,
                $"Engaged {policy.Incidents.Parties[request.Party!].Name}{(string.IsNullOrEmpty(note) ? "" : $" ({note})")}.", actor.UserId);
            await audit.RecordAsync(actor.Email, "incident.engaged", Incidents.Entity(incidentId), new { incident.Reference, request.Party, Note = note }, cancellationToken);
        }, cancellationToken);
        return await ListAsync(actor, incidentId, cancellationToken);
    }
}

/// <summary>A party the engagement rules call for on an incident, why, and by when.</summary>
public sealed record RequiredEngagement(Party Party, IReadOnlyList<string> Reasons, DateTimeOffset DueAt);

/// <summary>Reads the engagement rules against an incident as it stands.</summary>
public static class EngagementPlan
{
    public static IReadOnlyList<RequiredEngagement> For(Incident incident, IncidentRules rules)
    {
        var regulatory = ClockPlan.AppliesToRegulatory(incident, rules);
        var required = new Dictionary<string, (List<string> Reasons, DateTimeOffset Due)>();
        foreach (var rule in rules.Engagement)
        {
            var holding = rule.When.Where(c => c.Holds(incident, regulatory)).ToList();
            if (holding.Count == 0)
            {
                continue;
            }
            var due = incident.BecameAwareAt + (rule.Within ?? TimeSpan.Zero);
            foreach (var party in rule.Engage)
            {
                var entry = required.TryGetValue(party, out var found) ? found : ([], due);
                entry.Reasons.AddRange(holding.Select(ConditionText.Describe).Where(r => !entry.Reasons.Contains(r)));
                required[party] = (entry.Reasons, due < entry.Due ? due : entry.Due);
            }
        }
        return [.. required.Select(r => new RequiredEngagement(rules.Parties[r.Key], r.Value.Reasons, r.Value.Due)).OrderBy(r => r.DueAt).ThenBy(r => r.Party.Key)];
    }
}
