using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Core.Communications;
using SecComms.Core.Disclosure;
using SecComms.Core.Distribution;
using SecComms.Core.Identity;
using SecComms.Core.Incidents;
using SecComms.Core.Incidents.Clocks;
using SecComms.Core.Policy;
using SecComms.Core.Releases;
using SecComms.Core.Seeding;
using SecComms.Core.Vulnerabilities;
using SecComms.Core.Workflow;

namespace SecComms.Bench.ScaleSeeder;

/// <summary>
/// Ten years of a large company, made through Core's services in batches: contacts in their organizations, then one
/// communication per time slot, with a security release of four fixed vulnerabilities every 20th slot and an incident
/// every 10th, each communication linked to the latest and taken as far as its state needs.
/// </summary>
internal sealed class ScaleCompany(Seeder seed, SeedingClock clock, ScaleCounts counts, TextWriter log)
{
    private const int SlotsPerBatch = 25;
    private const int ContactsPerImport = 20_000;
    private const int ContactsPerOrganization = 20;
    private const int TimelineEntriesPerIncident = 8;
    private static readonly string[] Categories =
    [
        "security-release", "customer-security-notice", "security-release-email", "bug-bounty-update", "critical-security-release",
        "customer-response", "security-blog-post", "incident-response", "certification-notice", "critical-security-release-email",
        "media-engagement", "contributed-article",
    ];
    private static readonly CommunicationStatus[] InFlight =
        [CommunicationStatus.Draft, CommunicationStatus.InReview, CommunicationStatus.InReview, CommunicationStatus.Approved, CommunicationStatus.Scheduled];

    private ScalePeople _people = null!;
    private Guid? _release;
    private Guid? _incident;
    private readonly HashSet<Guid> _notNotified = [];
    private readonly PhaseTimes _phases = new();

    public async Task<ScalePeople> SeedAsync(CancellationToken cancellationToken)
    {
        _people = await ScalePeople.AddAsync(seed, cancellationToken);
        await ContactsAsync(cancellationToken);
        var slot = TimeSpan.FromTicks((clock.End - clock.GetUtcNow()).Ticks / Math.Max(1, counts.Communications));
        var started = clock.GetUtcNow();
        await seed.BatchAsync(counts.Communications, SlotsPerBatch, async (services, i) =>
        {
            clock.Set(started + slot * i);
            if (i % 20 == 0)
            {
                await _phases.TimeAsync("releases", () => ReleaseAsync(services, i, cancellationToken));
            }
            if (i % 10 == 5)
            {
                await _phases.TimeAsync("incidents", () => IncidentAsync(services, i, cancellationToken));
            }
            await CommunicationAsync(services, i, cancellationToken);
        }, done => Progress("communications", done, counts.Communications), cancellationToken);
        log.WriteLine($"time per step: {_phases}");
        return _people;
    }

    private async Task ContactsAsync(CancellationToken cancellationToken)
    {
        for (var first = 0; first < counts.Contacts; first += ContactsPerImport)
        {
            var last = Math.Min(counts.Contacts, first + ContactsPerImport);
            var csv = new StringBuilder("email,name,organization,role,tier,deployment,product_version,region,subscribed\n");
            for (var i = first; i < last; i++)
            {
                var organization = i / ContactsPerOrganization;
                csv.Append(CultureInfo.InvariantCulture,
                    $"contact{i:D7}@customer{organization:D5}.example.com,Contact {i:D7},Customer {organization:D5},{Role(i)},{Tier(organization)},{Deployment(organization)},18.{organization % 5}.{i % 10},{Region(organization)},{(i % 17 == 0 ? "no" : "yes")}\n");
            }
            await seed.UseAsync<ContactImport, ImportReport>(import => import.ImportAsync(_people.Sam, new StringReader(csv.ToString()), cancellationToken),
                cancellationToken);
            Progress("contacts", last, counts.Contacts);
        }

        static string Role(int i) => (i % 4) switch { 0 => "security-contact", 1 => "technical", 2 => "admin", _ => "other" };
        static string Tier(int organization) => (organization % 3) switch { 0 => "enterprise", 1 => "premium", _ => "free" };
        static string Deployment(int organization) => organization % 2 == 0 ? "self-managed" : "saas";
        static string Region(int organization) => (organization % 3) switch { 0 => "EU", 1 => "US", _ => "APAC" };
    }

    private async Task ReleaseAsync(IServiceProvider services, int slot, CancellationToken cancellationToken)
    {
        var vulnerabilities = services.GetRequiredService<Vulnerabilities>();
        var releases = services.GetRequiredService<SecurityReleases>();
        var number = slot / 20;
        var ids = new List<Guid>();
        for (var v = 0; v < counts.VulnerabilitiesPerRelease; v++)
        {
            var created = await vulnerabilities.CreateAsync(_people.Alex, ScaleText.Vulnerability(number, v), cancellationToken);
            await vulnerabilities.SetStatusAsync(_people.Alex, created.Id, new VulnerabilityStatusRequest(VulnerabilityStatus.Fixing), cancellationToken);
            await vulnerabilities.SetStatusAsync(_people.Alex, created.Id, new VulnerabilityStatusRequest(VulnerabilityStatus.Fixed), cancellationToken);
            ids.Add(created.Id);
        }
        var release = await releases.CreateAsync(_people.Alex, new NewSecurityRelease(null, number % 8 == 0 ? ReleaseKind.Critical : ReleaseKind.Planned,
            clock.GetUtcNow().AddDays(1), ScaleText.Product, ScaleText.Versions(number)), cancellationToken);
        await releases.SetVulnerabilitiesAsync(_people.Alex, release.Id, new ReleaseVulnerabilitiesRequest(ids), cancellationToken);
        if (!IsRecent(slot))
        {
            await releases.PublishAsync(_people.Sam, release.Id, null, cancellationToken);
            _release = release.Id;
        }
    }

    private async Task IncidentAsync(IServiceProvider services, int slot, CancellationToken cancellationToken)
    {
        var incidents = services.GetRequiredService<Incidents>();
        var now = clock.GetUtcNow();
        var number = slot / 10;
        var incident = await incidents.CreateAsync(_people.Sam, new NewIncident(ScaleText.IncidentTitle(number), (IncidentKind)(number % 6),
            (IncidentSeverity)(number % 4), now.AddHours(-2), PersonalData: number % 3 == 0,
            new IncidentDetails("Seen in the logs and confirmed by the on-call engineer.", DetectedAt: now.AddHours(-3), Regions: ["EU", "US"],
                CustomerTiers: number % 2 == 0 ? ["enterprise"] : null)), cancellationToken);
        for (var entry = 0; entry < TimelineEntriesPerIncident; entry++)
        {
            await incidents.AddTimelineEntryAsync(_people.Sam, incident.Id, new TimelineRequest(entry % 2 == 0 ? TimelineKind.InternalUpdate : TimelineKind.Note,
                $"Update {entry + 1}: {ScaleText.IncidentNote(entry)}", now.AddMinutes(-110 + entry * 5)), cancellationToken);
        }
        if (!IsRecent(slot))
        {
            await incidents.ContainAsync(_people.Sam, incident.Id, new ContainmentRequest(now.AddMinutes(-60)), cancellationToken);
            await incidents.ChangeStatusAsync(_people.Sam, incident.Id, new StatusChangeRequest(IncidentStatus.Resolved, now.AddMinutes(-30),
                "Access revoked and the fix deployed."), cancellationToken);
            // Meeting one clock can start the next (a final report is due after the notification), so file until none is open.
            var clocks = services.GetRequiredService<IncidentClocks>();
            while ((await clocks.ListAsync(_people.Sam, incident.Id, cancellationToken)).FirstOrDefault(c => c.StartedAt is not null && c.MetAt is null && c.WithdrawnAt is null)
                is { } open)
            {
                await clocks.MarkMetAsync(_people.Sam, incident.Id, open.Key, new ClockMetRequest(null, $"Filed, case {number}-{open.Key}.", now.AddMinutes(-20)),
                    cancellationToken);
            }
            _incident = incident.Id;
        }
    }

    private async Task CommunicationAsync(IServiceProvider services, int slot, CancellationToken cancellationToken)
    {
        var communications = services.GetRequiredService<CommunicationService>();
        var workflow = services.GetRequiredService<WorkflowService>();
        var policy = services.GetRequiredService<SecCommsPolicy>();
        var category = policy.FindCategory(Categories[slot % Categories.Length])!;
        var state = StateOf(slot, category);
        var author = _people.Sam;
        var title = ScaleText.CommunicationTitle(slot, category.Key);
        var created = await _phases.TimeAsync("create", () => communications.CreateAsync(author, new NewCommunication(category.Key, title, null,
            new ContentInput(null, ScaleText.Body(slot, title), title, ScaleText.Email(title), $"{title}.", ScaleText.SupportFaq(title)),
            category.ConfidentialByDefault ? _people.Approvers(category) : null), cancellationToken));
        var id = created.Id;
        for (var r = 0; r < slot % 3; r++)
        {
            var round = r + 1;
            await _phases.TimeAsync("revise", () => communications.ReviseAsync(author, id, null, new ContentInput(null,
                ScaleText.Body(slot, title) + $"\n\nRevised ({round}) after review comments.", null, null, null, null), $"Review comments, round {round}",
                cancellationToken));
        }
        await _phases.TimeAsync("links", () => LinkAsync(services, author, id, category, cancellationToken));
        if (category.Channels.Contains(Channels.Email))
        {
            await _phases.TimeAsync("audience", () => services.GetRequiredService<CommunicationAudiences>().SetAsync(author, id,
                new AudienceChoice(null, NoRecipientsReason: "The account teams send it to their customers."), cancellationToken));
        }
        if (state == CommunicationStatus.Draft)
        {
            return;
        }
        if (!created.Confidential)
        {
            await _phases.TimeAsync("safe", () => workflow.AnswerSafeAsync(author, id, Seeder.NoRisk, cancellationToken));
        }
        await _phases.TimeAsync("submit", () => workflow.SubmitAsync(author, id, cancellationToken));
        if (state == CommunicationStatus.NoPublicNotification)
        {
            if (!await NoPublicNotificationAsync(services, cancellationToken))
            {
                await workflow.DecideNoPublicNotificationAsync(author, id, "Contained before anyone outside was affected.", cancellationToken);
            }
            return;
        }
        await _phases.TimeAsync("approve", () => ApproveAsync(services, author, id, stopBeforeLast: state == CommunicationStatus.InReview, cancellationToken));
        switch (state)
        {
            case CommunicationStatus.Scheduled:
                await workflow.ScheduleAsync(author, id, clock.End.AddDays(400), null, cancellationToken);
                break;
            case CommunicationStatus.Published:
                await _phases.TimeAsync("publish", () => workflow.PublishAsync(author, id, null, cancellationToken));
                break;
            case CommunicationStatus.Withdrawn:
                await workflow.WithdrawAsync(author, id, "Superseded by a later notice.", cancellationToken);
                break;
        }
    }

    /// <summary>
    /// The linked incident's decision not to notify the public, proposed and approved by security and legal once; its
    /// approval closes the incident's communications in review. Returns whether it was made now.
    /// </summary>
    private async Task<bool> NoPublicNotificationAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var incident = _incident!.Value;
        if (!_notNotified.Add(incident))
        {
            return false;
        }
        var decisions = services.GetRequiredService<NoPublicNotifications>();
        await decisions.ProposeAsync(_people.Sam, incident, new NoPublicNotificationRequest(
            "No customer data was exposed and nothing was read from outside; there is nothing for anyone to do."), cancellationToken);
        foreach (var team in new[] { Actor.SecurityTeam, "legal" })
        {
            await decisions.ApproveAsync(_people.Member(team, new HashSet<Guid> { _people.Sam.UserId }), incident, cancellationToken);
        }
        return true;
    }

    private async Task LinkAsync(IServiceProvider services, Actor author, Guid id, Category category, CancellationToken cancellationToken)
    {
        var release = category.Gates.Contains(Gates.FixReleased) ? _release : null;
        var incident = category.Gates.Contains(Gates.IncidentContained) || category.Gates.Contains(Gates.Linked) ? _incident : null;
        if (release is not null || incident is not null)
        {
            await services.GetRequiredService<DisclosureService>().SetLinksAsync(author, id, new LinksRequest(release, incident, null), cancellationToken);
        }
    }

    /// <summary>Each waiting stage is approved by a member of its team who has not written or approved this communication.</summary>
    private async Task ApproveAsync(IServiceProvider services, Actor author, Guid id, bool stopBeforeLast, CancellationToken cancellationToken)
    {
        var workflow = services.GetRequiredService<WorkflowService>();
        var communications = services.GetRequiredService<CommunicationService>();
        var used = new HashSet<Guid> { author.UserId };
        while (true)
        {
            var requirements = await workflow.RequirementsAsync(author, id, cancellationToken);
            var waiting = requirements.Stages.Where(s => s.State == StageState.Waiting).ToList();
            if (requirements.Status != CommunicationStatus.InReview || waiting.Count == 0
                || stopBeforeLast && requirements.Stages.Count(s => s.State is StageState.Waiting or StageState.NotYetOpen) == 1)
            {
                return;
            }
            var approver = _people.Member(waiting[0].Team, used);
            used.Add(approver.UserId);
            var current = await communications.GetAsync(approver, id, cancellationToken);
            await workflow.DecideAsync(approver, id, new DecisionRequest(null, "approve", current.PackageHash, null), cancellationToken);
        }
    }

    /// <summary>The last 3% of the ten years are still in flight; before that nearly everything is published.</summary>
    private CommunicationStatus StateOf(int slot, Category category)
    {
        if (IsRecent(slot))
        {
            return InFlight[slot % InFlight.Length];
        }
        if (category.Key == "incident-response" && slot % 48 == 7)
        {
            return CommunicationStatus.NoPublicNotification;
        }
        return slot % 25 == 11 ? CommunicationStatus.Withdrawn : CommunicationStatus.Published;
    }

    private bool IsRecent(int slot) => slot >= counts.Communications * 97L / 100;

    private void Progress(string what, int done, int of)
    {
        if (done == of || done % 1000 < SlotsPerBatch || what == "contacts")
        {
            log.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss} {what}: {done} of {of}");
        }
    }
}
