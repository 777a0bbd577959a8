using Microsoft.EntityFrameworkCore;
using SecComms.Core.Audit;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Policy;
using SecComms.Core.Workflow;

namespace SecComms.Core.Incidents;

/// <summary>
/// The external communication set of an incident (initial notice, updates, resolution notice): each an ordinary
/// communication in the workflow, linked to the incident, running on its severity's approval windows.
/// </summary>
public sealed class IncidentMessages(SecCommsDb db, WriteScope writes, AuditTrail audit, SecCommsPolicy policy, CommunicationService communications, TimeProvider time)
{
    public static readonly IReadOnlySet<string> SetCategories = new HashSet<string> { "incident-response", "customer-security-notice" };
    private const string DefaultCategory = "incident-response";

    /// <summary>Drafts the next message of the set from its category's template, linked to the incident.</summary>
    public async Task<IncidentMessageView> CreateAsync(Actor actor, Guid incidentId, IncidentMessageRequest request, CancellationToken cancellationToken)
    {
        Incidents.EnsureSecurity(actor, write: true);
        var categoryKey = request.Category ?? DefaultCategory;
        var title = request.Title?.Trim();
        new Validation()
            .Require(request.Part is not null, "part", "part is required: initial-notice, update or resolution-notice.")
            .Require(SetCategories.Contains(categoryKey) && policy.FindCategory(categoryKey) is not null, "category",
                $"category must be one of {string.Join(", ", SetCategories.Where(k => policy.FindCategory(k) is not null))}.")
            .Require(request.Title is null || title!.Length > 0, "title", "title cannot be empty.")
            .MaxLength(title, ContentLimits.Title, "title")
            .PlainText(title, "title")
            .ThrowIfInvalid();
        var category = policy.FindCategory(categoryKey)!;
        var id = await writes.RunAsync(async () =>
        {
            var incident = await db.Incidents.AsTracking().FirstOrDefaultAsync(i => i.Id == incidentId, cancellationToken)
                ?? throw new NotFoundException($"No incident {incidentId}.");
            if (request.Part == IncidentPart.InitialNotice
                && await db.Communications.AnyAsync(c => c.IncidentId == incidentId && c.IncidentPart == IncidentPart.InitialNotice
                    && c.Status != CommunicationStatus.Withdrawn, cancellationToken))
            {
                throw new ConflictException($"{incident.Reference} already has an initial notice; draft an update instead.");
            }
            var content = CommunicationTemplates.Render(category, title ?? DefaultTitle(request.Part!.Value, incident), new Dictionary<string, object?>
            {
                ["part"] = AuditNames.Of(request.Part!.Value),
                ["incident_kind"] = AuditNames.Of(incident.Kind).Replace('-', ' '),
            });
            var facts = new NewCommunicationFacts(category.ConfidentialByDefault, incident.CustomersAffected, await ApproversAsync(category, cancellationToken),
                $"Drafted as the {Describe(request.Part!.Value)} of {incident.Reference}.");
            var communication = await communications.AddAsync(actor, category, content, facts, cancellationToken, c =>
            {
                c.IncidentId = incident.Id;
                c.IncidentPart = request.Part;
                Apply(c, incident);
            });
            var now = time.GetUtcNow();
            incident.UpdatedAt = now;
            db.TimelineEntries.Add(new TimelineEntry
            {
                IncidentId = incident.Id,
                At = now,
                Kind = TimelineKind.Communication,
                AuthorId = actor.UserId,
                RecordedAt = now,
                Text = $"{communication.Reference} drafted: {Describe(request.Part!.Value)} ({category.Key}).",
            });
            await audit.RecordAsync(actor.Email, "incident.message-drafted", Incidents.Entity(incident.Id),
                new { incident.Reference, Communication = communication.Reference, Part = AuditNames.Of(request.Part!.Value), Category = category.Key }, cancellationToken);
            return communication.Id;
        }, cancellationToken);
        return (await ListAsync(actor, incidentId, cancellationToken)).Single(m => m.Id == id);
    }

    /// <summary>Every communication linked to the incident, in the order they were created.</summary>
    public async Task<IReadOnlyList<IncidentMessageView>> ListAsync(Actor actor, Guid incidentId, CancellationToken cancellationToken)
    {
        Incidents.EnsureSecurity(actor, write: false);
        if (!await db.Incidents.AnyAsync(i => i.Id == incidentId, cancellationToken))
        {
            throw new NotFoundException($"No incident {incidentId}.");
        }
        var linked = await db.Communications.AsNoTracking().Where(c => c.IncidentId == incidentId).OrderBy(c => c.Number).ToListAsync(cancellationToken);
        var ids = linked.Select(c => c.Id).ToList();
        var revisions = await db.Revisions.AsNoTracking().Where(r => ids.Contains(r.CommunicationId))
            .Select(r => new { r.CommunicationId, r.Number, r.ShortText, r.SupportFaq }).ToListAsync(cancellationToken);
        return [.. linked.Select(c =>
        {
            var current = revisions.Single(r => r.CommunicationId == c.Id && r.Number == c.CurrentRevision);
            return new IncidentMessageView(c.Id, c.Reference, c.Category, c.IncidentPart, c.Title, c.Status,
                SupportFaqAnswers.AreGiven(current.SupportFaq), current.ShortText.Trim().Length > 0, c.PublishedAt);
        })];
    }

    /// <summary>Gives a communication about the incident its severity's approval windows and emergency mode.</summary>
    internal void Apply(Communication communication, Incident incident)
    {
        var rules = policy.Incidents.For(incident.Severity);
        communication.ReviewWindow = rules.Window?.Review;
        communication.ApproveWindow = rules.Window?.Approve;
        communication.Emergency |= rules.Emergency;
    }

    /// <summary>After a severity change, every unpublished message about the incident takes the new windows.</summary>
    internal async Task ApplySeverityAsync(Incident incident, CancellationToken cancellationToken)
    {
        foreach (var communication in await UnpublishedAsync(incident.Id, cancellationToken))
        {
            Apply(communication, incident);
        }
    }

    /// <summary>The incident's messages not yet published, withdrawn or closed, tracked for a change.</summary>
    internal Task<List<Communication>> UnpublishedAsync(Guid incidentId, CancellationToken cancellationToken) =>
        db.Communications.AsTracking()
            .Where(c => c.IncidentId == incidentId && (c.Status == CommunicationStatus.Draft || c.Status == CommunicationStatus.InReview
                || c.Status == CommunicationStatus.Approved || c.Status == CommunicationStatus.Scheduled))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// The variants the policy requires of an external message about an incident that <paramref name="content"/> lacks,
    /// such as a Support FAQ that answers its questions and the social statement; empty when it has them all or is not
    /// such a message.
    /// </summary>
    public static IReadOnlyList<string> MissingVariants(Communication communication, CommunicationContent content, IncidentRules rules)
    {
        if (communication.IncidentId is null || !SetCategories.Contains(communication.Category))
        {
            return [];
        }
        return [.. rules.ExternalMessageRequires.Select(variant => variant switch
        {
            MessageVariants.SupportFaq when content.SupportFaq.Trim().Length == 0 => "a Support FAQ (supportFaq)",
            MessageVariants.SupportFaq when !SupportFaqAnswers.AreGiven(content.SupportFaq) => "an answer to every question of its Support FAQ (supportFaq)",
            MessageVariants.Social when content.ShortText.Trim().Length == 0 => "a social statement (shortText)",
            _ => null,
        }).OfType<string>()];
    }

    /// <summary>
    /// The members of every team with an approval stage (or standing in as its backup): they are named on the message,
    /// so they may read a confidential one they are asked to approve.
    /// </summary>
    private async Task<List<Guid>> ApproversAsync(Category category, CancellationToken cancellationToken)
    {
        var teams = category.Approvals.SelectMany(s => s.Backup.Append(s.Team)).Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => !u.Disabled && u.Teams.Any(t => teams.Contains(t.Team))).Select(u => u.Id).ToListAsync(cancellationToken);
    }

    public static string Describe(IncidentPart part) => AuditNames.Of(part).Replace('-', ' ');

    /// <remarks>
    /// The incident's title, marked only as an update or a resolution: the templates already say it is a security incident
    /// ("We are investigating a security incident: {{ title }}"), so the title must not say it again.
    /// </remarks>
    private static string DefaultTitle(IncidentPart part, Incident incident)
    {
        var title = part switch
        {
            IncidentPart.InitialNotice => incident.Title,
            IncidentPart.Update => $"Update: {incident.Title}",
            _ => $"Resolved: {incident.Title}",
        };
        return title.Length <= ContentLimits.Title ? title : title[..ContentLimits.Title].TrimEnd();
    }
}
