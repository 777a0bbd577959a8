using Microsoft.EntityFrameworkCore;
using SecComms.Core.Audit;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Incidents.Clocks;
using SecComms.Core.Paging;
using SecComms.Core.Policy;
using SecComms.Core.Workflow;

namespace SecComms.Core.Incidents;

/// <summary>
/// Incident records: their facts, status, people on call and timeline. Incidents are confidential: only the security
/// team sees them, and others are told they do not exist. Every change re-evaluates the incident's clocks.
/// </summary>
public sealed class Incidents(
    SecCommsDb db, WriteScope writes, AuditTrail audit, SecCommsPolicy policy, CommunicationService communications, IncidentClocks clocks,
    IncidentMessages messages, TimeProvider time)
{
    public async Task<IncidentView> CreateAsync(Actor actor, NewIncident request, CancellationToken cancellationToken)
    {
        if (!actor.IsInTeam(Actor.SecurityTeam))
        {
            throw new ForbiddenException($"Only the {Actor.SecurityTeam} team records incidents; you are not in team {Actor.SecurityTeam}.");
        }
        EnsureCanWrite(actor);
        var now = time.GetUtcNow();
        var title = request.Title?.Trim();
        new Validation()
            .Require(!string.IsNullOrEmpty(title), "title", "title is required.")
            .Require(request.Kind is not null, "kind", "kind is required: breach, customer-compromise, data-loss, accidental-disclosure, misconfiguration or other.")
            .Require(request.Severity is not null, "severity", "severity is required: s1 (most severe) to s4.")
            .Require(request.BecameAwareAt is not null, "becameAwareAt", "becameAwareAt is required: when the company became aware of the incident.")
            .Require(request.PersonalData is not null, "personalData", "personalData is required: whether personal data is involved (true or false).")
            .ThrowIfInvalid();
        var roles = await ResolveRolesAsync(request.Details?.Roles, cancellationToken);
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
            Apply(incident, request.Details, roles);
            IncidentRulesCheck.Validate(incident, now);
            db.Incidents.Add(incident);
            AddEntry(incident, TimelineKind.Status, incident.BecameAwareAt, $"Opened as {AuditNames.Of(incident.Severity).ToUpperInvariant()} {AuditNames.Of(incident.Kind)}.", actor.UserId);
            await audit.RecordAsync(actor.Email, "incident.created", Entity(incident.Id), Facts(incident), cancellationToken);
            await clocks.SyncAsync(incident, actor.Email, cancellationToken);
            return incident.Id;
        }, cancellationToken);
        return await GetAsync(actor, id, cancellationToken);
    }

    /// <summary>Changes the facts of an incident; the clocks and the approval windows of its messages follow.</summary>
    public async Task<IncidentView> UpdateAsync(Actor actor, Guid id, IncidentUpdate request, CancellationToken cancellationToken)
    {
        EnsureSecurity(actor, write: true);
        var title = request.Title?.Trim();
        new Validation()
            .Require(request.Title is null || title!.Length > 0, "title", "title cannot be empty.")
            .ThrowIfInvalid();
        var roles = await ResolveRolesAsync(request.Details?.Roles, cancellationToken);
        await writes.RunAsync(async () =>
        {
            var incident = await FindAsync(id, tracking: true, cancellationToken);
            var now = time.GetUtcNow();
            var severity = incident.Severity;
            var named = incident.AffectedCustomers.Order(StringComparer.Ordinal).ToList();
            incident.Title = title ?? incident.Title;
            incident.Kind = request.Kind ?? incident.Kind;
            incident.Severity = request.Severity ?? incident.Severity;
            incident.BecameAwareAt = request.BecameAwareAt ?? incident.BecameAwareAt;
            incident.PersonalData = request.PersonalData ?? incident.PersonalData;
            Apply(incident, request.Details, roles);
            IncidentRulesCheck.Validate(incident, now);
            incident.UpdatedAt = now;
            if (severity != incident.Severity)
            {
                AddEntry(incident, TimelineKind.Status, now,
                    $"Severity changed from {AuditNames.Of(severity).ToUpperInvariant()} to {AuditNames.Of(incident.Severity).ToUpperInvariant()}.", actor.UserId);
                await messages.ApplySeverityAsync(incident, cancellationToken);
            }
            await audit.RecordAsync(actor.Email, "incident.updated", Entity(incident.Id), Facts(incident), cancellationToken);
            await clocks.SyncAsync(incident, actor.Email, cancellationToken);
            if (!named.SequenceEqual(incident.AffectedCustomers.Order(StringComparer.Ordinal)))
            {
                await communications.SettlePackagesAsync(actor, c => c.IncidentId == id && c.AudienceAffectedCustomers, "affected customers", cancellationToken);
            }
        }, cancellationToken);
        return await GetAsync(actor, id, cancellationToken);
    }

    /// <summary>Moves an incident forward: identified, contained, resolved, then post-incident review, each at a time that fits the timeline.</summary>
    public async Task<IncidentView> ChangeStatusAsync(Actor actor, Guid id, StatusChangeRequest request, CancellationToken cancellationToken)
    {
        EnsureSecurity(actor, write: true);
        new Validation()
            .Require(request.Status is not null and not IncidentStatus.Investigating, "status", "status must be identified, contained, resolved or post-incident-review.")
            .MaxLength(request.Note, IncidentLimits.Entry, "note")
            .PlainText(request.Note, "note", multiline: true)
            .ThrowIfInvalid();
        await writes.RunAsync(async () =>
        {
            var incident = await FindAsync(id, tracking: true, cancellationToken);
            var now = time.GetUtcNow();
            var at = request.At ?? now;
            var status = request.Status!.Value;
            new Validation()
                .Require(at <= now, "at", $"at cannot be in the future; now is {Moment.Text(now)}.")
                .Require(at >= incident.BecameAwareAt, "at", $"at cannot be before the company became aware of {incident.Reference} ({Moment.Text(incident.BecameAwareAt)}).")
                .ThrowIfInvalid();
            if (status == IncidentStatus.Contained && incident.ContainedAt is { } contained)
            {
                throw new ConflictException($"{incident.Reference} was already contained at {Moment.Text(contained)}; an incident only moves forward.");
            }
            if (status <= incident.Status)
            {
                throw new ConflictException(
                    $"{incident.Reference} is already {Describe(incident.Status)}; an incident only moves forward (investigating, identified, contained, resolved, post-incident review).");
            }
            var field = status switch
            {
                IncidentStatus.Contained => "containedAt",
                IncidentStatus.Resolved => "resolvedAt",
                IncidentStatus.PostIncidentReview => "reviewStartedAt",
                _ => "at",
            };
            switch (status)
            {
                case IncidentStatus.Contained:
                    incident.ContainedAt = at;
                    break;
                case IncidentStatus.Resolved:
                    incident.ContainedAt ??= at;
                    incident.ResolvedAt = at;
                    break;
                case IncidentStatus.PostIncidentReview:
                    if (incident.ResolvedAt is null)
                    {
                        throw new ConflictException($"{incident.Reference} must be resolved before its post-incident review starts.");
                    }
                    incident.ReviewStartedAt = at;
                    break;
            }
            IncidentRulesCheck.Validate(incident, now, field);
            incident.Status = status;
            incident.UpdatedAt = now;
            AddEntry(incident, TimelineKind.Status, at, $"{Describe(status)[..1].ToUpperInvariant()}{Describe(status)[1..]}.{(request.Note is { Length: > 0 } note ? " " + note.Trim() : "")}",
                actor.UserId);
            await audit.RecordAsync(actor.Email, "incident.status-changed", Entity(incident.Id), new { incident.Reference, Status = AuditNames.Of(status), At = at, request.Note },
                cancellationToken);
            await clocks.SyncAsync(incident, actor.Email, cancellationToken);
        }, cancellationToken);
        return await GetAsync(actor, id, cancellationToken);
    }

    /// <summary>Records when the incident was contained, which opens the <c>incident-contained</c> gate of its communications.</summary>
    public Task<IncidentView> ContainAsync(Actor actor, Guid id, ContainmentRequest request, CancellationToken cancellationToken) =>
        ChangeStatusAsync(actor, id, new StatusChangeRequest(IncidentStatus.Contained, request.At), cancellationToken);

    /// <summary>Adds a note or an internal update to the timeline; an internal update restarts the update cadence.</summary>
    public async Task<TimelineEntryView> AddTimelineEntryAsync(Actor actor, Guid id, TimelineRequest request, CancellationToken cancellationToken)
    {
        EnsureSecurity(actor, write: true);
        var text = request.Text?.Trim();
        var now = time.GetUtcNow();
        new Validation()
            .Require(request.Kind is TimelineKind.Note or TimelineKind.InternalUpdate, "kind", "kind must be note or internal-update.")
            .Require(!string.IsNullOrEmpty(text), "text", "text is required.")
            .MaxLength(text, IncidentLimits.Entry, "text")
            .PlainText(text, "text", multiline: true)
            .Require(request.At is null || request.At <= now, "at", $"at cannot be in the future; now is {Moment.Text(now)}.")
            .ThrowIfInvalid();
        var entryId = await writes.RunAsync(async () =>
        {
            var incident = await FindAsync(id, tracking: true, cancellationToken);
            var at = request.At ?? now;
            if (request.Kind == TimelineKind.InternalUpdate && (incident.LastInternalUpdateAt is null || at > incident.LastInternalUpdateAt))
            {
                incident.LastInternalUpdateAt = at;
            }
            incident.UpdatedAt = now;
            var entry = AddEntry(incident, request.Kind!.Value, at, text!, actor.UserId);
            await audit.RecordAsync(actor.Email, "incident.timeline-added", Entity(incident.Id),
                new { incident.Reference, Kind = AuditNames.Of(entry.Kind), entry.At, entry.Text }, cancellationToken);
            return entry.Id;
        }, cancellationToken);
        return (await TimelineAsync(actor, id, cancellationToken)).Single(e => e.Id == entryId);
    }

    public async Task<IReadOnlyList<TimelineEntryView>> TimelineAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        EnsureSecurity(actor, write: false);
        await FindAsync(id, tracking: false, cancellationToken);
        var entries = await db.TimelineEntries.AsNoTracking().Where(e => e.IncidentId == id).ToListAsync(cancellationToken);
        var people = await communications.PeopleAsync(entries.Select(e => e.AuthorId).OfType<Guid>(), cancellationToken);
        return [.. entries.OrderBy(e => e.At).ThenBy(e => e.RecordedAt).ThenBy(e => e.Id)
            .Select(e => new TimelineEntryView(e.Id, e.At, e.Kind, e.Text, e.AuthorId is { } a ? people.GetValueOrDefault(a) : null, e.RecordedAt))];
    }

    public async Task<IncidentView> GetAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        EnsureSecurity(actor, write: false);
        var incident = await FindAsync(id, tracking: false, cancellationToken);
        var people = await communications.PeopleAsync(new[] { incident.EngineerId, incident.IncidentManagerId, incident.CommunicationsManagerId }.OfType<Guid>(), cancellationToken);
        PersonView? Person(Guid? userId) => userId is { } u ? people.GetValueOrDefault(u) : null;
        var rules = policy.Incidents.For(incident.Severity);
        return new IncidentView(
            incident.Id, incident.Reference, incident.Title, incident.Summary, incident.Kind, incident.Severity, rules.Name, incident.Status,
            incident.DetectedAt, incident.BecameAwareAt, incident.MaterialityDeterminedAt, incident.ContainedAt, incident.ResolvedAt, incident.ReviewStartedAt,
            incident.PersonalData, incident.ActivelyExploited, incident.PubliclyReported, incident.CustomersAffected,
            incident.Regions, incident.DataCategories, incident.CustomerTiers, incident.AffectedCustomers, incident.AffectedCustomerCount, incident.AffectedRecordCount,
            new IncidentRolesView(Person(incident.EngineerId), Person(incident.IncidentManagerId), Person(incident.CommunicationsManagerId)),
            incident.LastInternalUpdateAt, UpdateCadence.NextDue(incident, rules), incident.CreatedAt, incident.UpdatedAt);
    }

    /// <summary>Incidents, the most recent first; an empty list for anyone outside the security team, whatever the filter.</summary>
    public async Task<Page<IncidentSummary>> ListAsync(Actor actor, IncidentFilter filter, CancellationToken cancellationToken)
    {
        var before = NumberCursor.Parse(filter.Cursor);
        var number = ReferenceNumber.Parse(filter.Reference, "INC");
        new Validation().RequireLimit(filter.Limit).ThrowIfInvalid();
        if (!MaySee(actor))
        {
            return new([], null);
        }
        var query = db.Incidents.AsNoTracking();
        if (number is { } only)
        {
            query = query.Where(i => i.Number == only);
        }
        if (before is { } below)
        {
            query = query.Where(i => i.Number < below);
        }
        if (filter.Status is { } status)
        {
            query = query.Where(i => i.Status == status);
        }
        if (filter.Severity is { } severity)
        {
            query = query.Where(i => i.Severity == severity);
        }
        if (filter.Open is { } open)
        {
            query = open ? query.Where(i => i.ResolvedAt == null) : query.Where(i => i.ResolvedAt != null);
        }
        if (filter.Search?.Trim() is { Length: > 0 } search)
        {
            var pattern = SearchPattern.Containing(search);
            query = query.Where(i => EF.Functions.Like(i.Title.ToLower(), pattern, SearchPattern.Escape) || EF.Functions.Like(i.Summary.ToLower(), pattern, SearchPattern.Escape));
        }
        var fetched = await query.OrderByDescending(i => i.Number).Take(filter.Limit + 1).ToListAsync(cancellationToken);
        return NumberCursor.PageOf(fetched, filter.Limit, i => i.Number, IncidentSummary.From);
    }

    public static string Entity(Guid id) => $"incident:{id}";

    public static string Describe(IncidentStatus status) => AuditNames.Of(status).Replace('-', ' ');

    /// <summary>Who may see incidents and open their pages: the security team.</summary>
    public static bool MaySee(Actor actor) => actor.IsInTeam(Actor.SecurityTeam);

    /// <remarks>Outside the security team an incident does not exist, so its existence does not leak either.</remarks>
    public static void EnsureSecurity(Actor actor, bool write)
    {
        if (!MaySee(actor))
        {
            throw new NotFoundException("No such incident.");
        }
        if (write)
        {
            EnsureCanWrite(actor);
        }
    }

    internal async Task<Incident> FindAsync(Guid id, bool tracking, CancellationToken cancellationToken) =>
        await (tracking ? db.Incidents.AsTracking() : db.Incidents.AsNoTracking()).FirstOrDefaultAsync(i => i.Id == id, cancellationToken)
            ?? throw NotFound(id);

    internal static NotFoundException NotFound(Guid id) => new($"No incident {id}.");

    internal TimelineEntry AddEntry(Incident incident, TimelineKind kind, DateTimeOffset at, string text, Guid? author)
    {
        var entry = new TimelineEntry { IncidentId = incident.Id, At = at, Kind = kind, Text = text, AuthorId = author, RecordedAt = time.GetUtcNow() };
        db.TimelineEntries.Add(entry);
        return entry;
    }


    private static void EnsureCanWrite(Actor actor)
    {
        if (!actor.CanWrite)
        {
            throw new ForbiddenException("Viewers read incidents but do not change them.");
        }
    }

    private static void Apply(Incident incident, IncidentDetails? details, ResolvedRoles roles)
    {
        if (details is null)
        {
            return;
        }
        incident.Summary = details.Summary?.Trim() ?? incident.Summary;
        incident.DetectedAt = details.DetectedAt ?? incident.DetectedAt;
        incident.MaterialityDeterminedAt = details.MaterialityDeterminedAt ?? incident.MaterialityDeterminedAt;
        incident.ActivelyExploited = details.ActivelyExploited ?? incident.ActivelyExploited;
        incident.PubliclyReported = details.PubliclyReported ?? incident.PubliclyReported;
        incident.Regions = Labels(details.Regions) ?? incident.Regions;
        incident.DataCategories = Labels(details.DataCategories) ?? incident.DataCategories;
        incident.CustomerTiers = Labels(details.CustomerTiers) ?? incident.CustomerTiers;
        incident.AffectedCustomers = Labels(details.AffectedCustomers) ?? incident.AffectedCustomers;
        incident.AffectedCustomerCount = details.AffectedCustomerCount ?? incident.AffectedCustomerCount;
        incident.AffectedRecordCount = details.AffectedRecordCount ?? incident.AffectedRecordCount;
        if (roles.Engineer.Given)
        {
            incident.EngineerId = roles.Engineer.Id;
        }
        if (roles.IncidentManager.Given)
        {
            incident.IncidentManagerId = roles.IncidentManager.Id;
        }
        if (roles.CommunicationsManager.Given)
        {
            incident.CommunicationsManagerId = roles.CommunicationsManager.Id;
        }
    }

    private static List<string>? Labels(IReadOnlyList<string>? values) =>
        values is null ? null : [.. values.Select(v => v?.Trim() ?? "").Distinct(StringComparer.OrdinalIgnoreCase)];

    private sealed record RoleChoice(bool Given, Guid? Id);

    private sealed record ResolvedRoles(RoleChoice Engineer, RoleChoice IncidentManager, RoleChoice CommunicationsManager);

    /// <summary>Finds each named person, who must be an active member of the security team to see the incident.</summary>
    private async Task<ResolvedRoles> ResolveRolesAsync(IncidentRolesInput? roles, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        async Task<RoleChoice> Resolve(string? email, string field)
        {
            if (email is null)
            {
                return new RoleChoice(false, null);
            }
            if (email.Trim().Length == 0)
            {
                return new RoleChoice(true, null);
            }
            var normalized = User.Normalize(email);
            var user = await db.Users.AsNoTracking().Include(u => u.Teams)
                .FirstOrDefaultAsync(u => u.NormalizedEmail == normalized && !u.Disabled, cancellationToken);
            validation
                .Require(user is not null, field, $"No active user has the email {email.Trim()}.")
                .Require(user is null || user.Teams.Any(t => t.Team == Actor.SecurityTeam), field,
                    $"{email.Trim()} is not in the {Actor.SecurityTeam} team, so could not see the incident.");
            return new RoleChoice(true, user?.Id);
        }
        var resolved = new ResolvedRoles(
            await Resolve(roles?.Engineer, "roles.engineer"),
            await Resolve(roles?.IncidentManager, "roles.incidentManager"),
            await Resolve(roles?.CommunicationsManager, "roles.communicationsManager"));
        validation.ThrowIfInvalid();
        return resolved;
    }

    private static object Facts(Incident incident) => new
    {
        incident.Reference,
        incident.Title,
        Kind = AuditNames.Of(incident.Kind),
        Severity = AuditNames.Of(incident.Severity),
        incident.DetectedAt,
        incident.BecameAwareAt,
        incident.MaterialityDeterminedAt,
        incident.PersonalData,
        incident.ActivelyExploited,
        incident.PubliclyReported,
        incident.Regions,
        incident.DataCategories,
        incident.CustomerTiers,
        incident.AffectedCustomers,
        incident.AffectedCustomerCount,
        incident.AffectedRecordCount,
        incident.EngineerId,
        incident.IncidentManagerId,
        incident.CommunicationsManagerId,
    };
}
