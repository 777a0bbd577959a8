using Microsoft.EntityFrameworkCore;
using SecComms.Core.Audit;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Workflow;

namespace SecComms.Core.Incidents;

/// <param name="Title">A short internal name for the incident.</param>
/// <param name="Kind">breach, customer-compromise, data-loss, accidental-disclosure, misconfiguration or other.</param>
/// <param name="Severity">s1 (most severe) to s4.</param>
/// <param name="BecameAwareAt">When the company became aware of it; regulatory clocks run from here.</param>
/// <param name="PersonalData">Whether personal data is involved.</param>
public sealed record NewIncident(string? Title, IncidentKind? Kind, IncidentSeverity? Severity, DateTimeOffset? BecameAwareAt, bool? PersonalData);

/// <param name="At">When the incident was contained; now when omitted.</param>
public sealed record ContainmentRequest(DateTimeOffset? At);

public sealed record IncidentView(
    Guid Id,
    string Reference,
    string Title,
    IncidentKind Kind,
    IncidentSeverity Severity,
    IncidentStatus Status,
    DateTimeOffset BecameAwareAt,
    bool PersonalData,
    DateTimeOffset? ContainedAt,
    DateTimeOffset CreatedAt)
{
    public static IncidentView From(Incident i) =>
        new(i.Id, i.Reference, i.Title, i.Kind, i.Severity, i.Status, i.BecameAwareAt, i.PersonalData, i.ContainedAt, i.CreatedAt);
}

/// <summary>
/// Incidents as far as disclosure needs them: containment opens the <c>incident-contained</c> gate of linked
/// communications. Incidents are confidential: only the security team sees them, and others are told they do not exist.
/// </summary>
public sealed class Incidents(SecCommsDb db, WriteScope writes, AuditTrail audit, TimeProvider time)
{
    public const int TitleLength = 200;

    public async Task<IncidentView> CreateAsync(Actor actor, NewIncident request, CancellationToken cancellationToken)
    {
        if (!actor.IsInTeam(Actor.SecurityTeam))
        {
            throw new ForbiddenException($"Only the {Actor.SecurityTeam} team records incidents; you are not in team {Actor.SecurityTeam}.");
        }
        if (!actor.CanWrite)
        {
            throw new ForbiddenException("Viewers read incidents but do not record them.");
        }
        var title = request.Title?.Trim();
        var now = time.GetUtcNow();
        new Validation()
            .Require(!string.IsNullOrEmpty(title), "title", "title is required.")
            .MaxLength(title, TitleLength, "title")
            .PlainText(title, "title")
            .Require(request.Kind is not null, "kind", "kind is required: breach, customer-compromise, data-loss, accidental-disclosure, misconfiguration or other.")
            .Require(request.Severity is not null, "severity", "severity is required: s1 (most severe) to s4.")
            .Require(request.BecameAwareAt is not null, "becameAwareAt", "becameAwareAt is required: when the company became aware of the incident.")
            .Require(request.BecameAwareAt is null || request.BecameAwareAt <= now, "becameAwareAt", $"becameAwareAt cannot be in the future; now is {now:O}.")
            .Require(request.PersonalData is not null, "personalData", "personalData is required: whether personal data is involved (true or false).")
            .ThrowIfInvalid();
        var id = await writes.RunAsync(async () =>
        {
            var incident = new Incident
            {
                Number = (await db.Incidents.MaxAsync(i => (int?)i.Number, cancellationToken) ?? 0) + 1,
                Title = title!,
                Kind = request.Kind!.Value,
                Severity = request.Severity!.Value,
                Status = IncidentStatus.Investigating,
                BecameAwareAt = request.BecameAwareAt!.Value,
                PersonalData = request.PersonalData!.Value,
                CreatedById = actor.UserId,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Incidents.Add(incident);
            await audit.RecordAsync(actor.Email, "incident.created", Entity(incident.Id), new
            {
                incident.Reference,
                incident.Title,
                Kind = AuditNames.Of(incident.Kind),
                Severity = AuditNames.Of(incident.Severity),
                incident.BecameAwareAt,
                incident.PersonalData,
            }, cancellationToken);
            return incident.Id;
        }, cancellationToken);
        return await GetAsync(actor, id, cancellationToken);
    }

    /// <summary>Records when the incident was contained, which opens the <c>incident-contained</c> gate of its communications.</summary>
    public async Task<IncidentView> ContainAsync(Actor actor, Guid id, ContainmentRequest request, CancellationToken cancellationToken)
    {
        EnsureSecurity(actor, write: true);
        await writes.RunAsync(async () =>
        {
            var incident = await db.Incidents.AsTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken) ?? throw NotFound(id);
            var now = time.GetUtcNow();
            var at = request.At ?? now;
            new Validation()
                .Require(at <= now, "at", $"at cannot be in the future; now is {now:O}.")
                .Require(at >= incident.BecameAwareAt, "at", $"at cannot be before the company became aware of {incident.Reference} ({incident.BecameAwareAt:O}).")
                .ThrowIfInvalid();
            if (incident.ContainedAt is not null)
            {
                throw new ConflictException($"{incident.Reference} was already contained at {incident.ContainedAt:O}.");
            }
            incident.ContainedAt = at;
            incident.Status = IncidentStatus.Contained;
            incident.UpdatedAt = now;
            await audit.RecordAsync(actor.Email, "incident.contained", Entity(incident.Id), new { incident.Reference, ContainedAt = at }, cancellationToken);
        }, cancellationToken);
        return await GetAsync(actor, id, cancellationToken);
    }

    public async Task<IncidentView> GetAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        EnsureSecurity(actor, write: false);
        return IncidentView.From(await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken) ?? throw NotFound(id));
    }

    /// <summary>Every incident, the most recent first; an empty list for anyone outside the security team.</summary>
    public async Task<IReadOnlyList<IncidentView>> ListAsync(Actor actor, CancellationToken cancellationToken) =>
        !actor.IsInTeam(Actor.SecurityTeam) ? []
        : [.. (await db.Incidents.AsNoTracking().OrderByDescending(i => i.Number).Take(CommunicationService.MaxPageSize).ToListAsync(cancellationToken))
            .Select(IncidentView.From)];

    public static string Entity(Guid id) => $"incident:{id}";

    /// <remarks>Outside the security team an incident does not exist, so its existence does not leak either.</remarks>
    private static void EnsureSecurity(Actor actor, bool write)
    {
        if (!actor.IsInTeam(Actor.SecurityTeam))
        {
            throw new NotFoundException("No such incident.");
        }
        if (write && !actor.CanWrite)
        {
            throw new ForbiddenException("Viewers read incidents but do not change them.");
        }
    }

    private static NotFoundException NotFound(Guid id) => new($"No incident {id}.");
}
