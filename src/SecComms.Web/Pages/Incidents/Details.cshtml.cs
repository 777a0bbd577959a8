using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Communications;
using SecComms.Core.Distribution;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Incidents;
using SecComms.Core.Incidents.Clocks;

namespace SecComms.Web.Pages.Incidents;

/// <summary>
/// One incident as the people working it need it: its status and facts, the clocks running against it, who must be
/// engaged, the internal update cadence, its timeline, its communication set and the no-public-notification decision.
/// </summary>
[SecurityTeamOnly]
public sealed class DetailsModel(
    Core.Incidents.Incidents incidents, IncidentClocks clocks, Engagements engagements, IncidentMessages messages, NoPublicNotifications decisions,
    Organizations organizations, AudienceAccess audienceAccess, TimeProvider time, Actor actor) : PageModel
{
    /// <summary>How many organizations of the audience directory are offered at once; a search finds the others.</summary>
    public const int DirectoryPage = 100;

    public IncidentView? Incident { get; private set; }

    public IReadOnlyList<ClockView> Clocks { get; private set; } = [];

    public IReadOnlyList<EngagementView> Engagements { get; private set; } = [];

    public IReadOnlyList<IncidentMessageView> Messages { get; private set; } = [];

    public IReadOnlyList<TimelineEntryView> Timeline { get; private set; } = [];

    public NoPublicNotificationView? Decision { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public bool CanWrite => actor.CanWrite;

    [TempData(Key = PageSupport.FlashKey)]
    public string? Flash { get; set; }

    /// <remarks>Bound only by the facts handler: bound on every post, it would take the other forms' fields (such as <c>Kind</c>) as its own.</remarks>
    public IncidentForm Form { get; set; } = new();

    [BindProperty]
    public IncidentStatus? Status { get; set; }

    /// <summary>When a status change, notification or timeline entry happened, read as UTC; now when empty.</summary>
    [BindProperty]
    public DateTime? At { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public string? Key { get; set; }

    [BindProperty]
    public Guid? CommunicationId { get; set; }

    [BindProperty]
    public string? Evidence { get; set; }

    [BindProperty]
    public string? Party { get; set; }

    [BindProperty]
    public TimelineKind? Kind { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public IncidentPart? Part { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>The affected customers to name, by organization name; sent by the affected customers form only.</summary>
    [BindProperty]
    public List<string> AffectedCustomers { get; set; } = [];

    /// <summary>What the directory is searched for, to offer organizations beyond its first page.</summary>
    [BindProperty(SupportsGet = true, Name = "organizations")]
    public string? Find { get; set; }

    /// <summary>The named affected customers found in the audience directory; empty for those who may not read it.</summary>
    public IReadOnlyList<OrganizationView> Named { get; private set; } = [];

    /// <summary>Organizations of the directory not named yet, to choose from; empty for those who may not read it.</summary>
    public IReadOnlyList<OrganizationView> Directory { get; private set; } = [];

    /// <summary>More organizations match than are offered: a search finds the others.</summary>
    public bool DirectoryTruncated { get; private set; }

    /// <summary>Whether the reader may see the audience directory, and so which named customers are in it.</summary>
    public bool CanReadDirectory => audienceAccess.CanRead(actor);

    /// <summary>Who may change the incident and read the audience directory chooses its affected customers from it.</summary>
    public bool CanChooseAffectedCustomers => CanWrite && CanReadDirectory;

    /// <summary>The statuses the incident may still move to.</summary>
    public IEnumerable<IncidentStatus> NextStatuses => Incident is { } i ? IncidentDisplay.Forward.Where(s => s > i.Status) : [];

    /// <summary>Published messages of the set, which can meet a clock.</summary>
    public IEnumerable<IncidentMessageView> PublishedMessages => Messages.Where(m => m.Status == CommunicationStatus.Published);

    /// <summary>The approving teams still waiting that the signed-in person can approve for.</summary>
    public bool CanApproveDecision => CanWrite && Decision is { DecidedAt: null } d && d.Waiting.Any(actor.IsInTeam);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var shown = await ShowAsync(id, cancellationToken);
        if (Incident is { } incident)
        {
            Form = IncidentForm.From(incident);
        }
        return shown;
    }

    /// <remarks>An incident only moves forward, so each move asks for the confirmation.</remarks>
    public Task<IActionResult> OnPostStatusAsync(Guid id, CancellationToken cancellationToken) =>
        !this.Confirms("moving the incident forward") ? ShowAgainAsync(id, cancellationToken) : ActAsync(id, async () =>
        {
            var changed = await incidents.ChangeStatusAsync(actor, id, new StatusChangeRequest(Status, IncidentDisplay.FromInput(At), Blank(Note)), cancellationToken);
            return $"{changed.Reference} is now {Core.Incidents.Incidents.Describe(changed.Status)}.";
        }, cancellationToken);

    public async Task<IActionResult> OnPostFactsAsync(Guid id, CancellationToken cancellationToken)
    {
        await TryUpdateModelAsync(Form, IncidentForm.Prefix);
        return await ActAsync(id, async () =>
        {
            var current = await incidents.GetAsync(actor, id, cancellationToken);
            var saved = await incidents.UpdateAsync(actor, id, Form.ChangesFrom(current), cancellationToken);
            return $"Saved the facts of {saved.Reference}.";
        }, cancellationToken);
    }

    public Task<IActionResult> OnPostAffectedCustomersAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, async () =>
        {
            var chosen = AffectedCustomers.Where(name => !string.IsNullOrWhiteSpace(name)).ToList();
            var saved = await incidents.UpdateAsync(actor, id, new IncidentUpdate(Details: new IncidentDetails(AffectedCustomers: chosen)), cancellationToken);
            return saved.AffectedCustomers.Count == 0
                ? $"{saved.Reference} names no affected customer: a message to its affected customers reaches no one."
                : $"Affected customers of {saved.Reference}: {string.Join(", ", saved.AffectedCustomers)}.";
        }, cancellationToken);

    /// <remarks>A clock met stays met, so marking it asks for the confirmation.</remarks>
    public Task<IActionResult> OnPostMetAsync(Guid id, CancellationToken cancellationToken) =>
        !this.Confirms("marking the clock met") ? ShowAgainAsync(id, cancellationToken) : ActAsync(id, async () =>
        {
            var met = await clocks.MarkMetAsync(actor, id, Key ?? "", new ClockMetRequest(CommunicationId, Blank(Evidence), IncidentDisplay.FromInput(At)),
                cancellationToken);
            return $"{met.Name}: met{(met.MetLate ? " late" : "")}.";
        }, cancellationToken);

    public Task<IActionResult> OnPostEngageAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, async () =>
        {
            var engaged = await engagements.EngageAsync(actor, id, new EngageRequest(Party, Blank(Note)), cancellationToken);
            return $"Recorded that {engaged.First(e => e.Party == Party).Name} was engaged.";
        }, cancellationToken);

    public Task<IActionResult> OnPostTimelineAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, async () =>
        {
            var entry = await incidents.AddTimelineEntryAsync(actor, id, new TimelineRequest(Kind, Text, IncidentDisplay.FromInput(At)), cancellationToken);
            return entry.Kind == TimelineKind.InternalUpdate ? "Internal update posted; the next one is due on the update cadence." : "Note added to the timeline.";
        }, cancellationToken);

    public Task<IActionResult> OnPostMessageAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, async () =>
        {
            var drafted = await messages.CreateAsync(actor, id, new IncidentMessageRequest(Part), cancellationToken);
            return $"Drafted {drafted.Reference}, the {IncidentDisplay.PartName(drafted.Part).ToLowerInvariant()}.";
        }, cancellationToken);

    public Task<IActionResult> OnPostProposeAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, async () =>
        {
            var proposed = await decisions.ProposeAsync(actor, id, new NoPublicNotificationRequest(Reason), cancellationToken);
            return $"Proposed no public notification; waiting for {string.Join(", ", proposed.Waiting)}.";
        }, cancellationToken);

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken cancellationToken) =>
        !this.Confirms("approving no public notification") ? ShowAgainAsync(id, cancellationToken) : ActAsync(id, async () =>
        {
            var approved = await decisions.ApproveAsync(actor, id, cancellationToken);
            return approved.DecidedAt is null
                ? $"Approved no public notification; still waiting for {string.Join(", ", approved.Waiting)}."
                : "Decided: no public notification.";
        }, cancellationToken);

    /// <remarks>A refusal from Core is shown on the page with the incident as it now stands, so the person sees why.</remarks>
    private async Task<IActionResult> ActAsync(Guid id, Func<Task<string>> action, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                TempData[PageSupport.FlashKey] = await action();
                return RedirectToPage("/Incidents/Details", new { id });
            }
            catch (NotFoundException)
            {
                return this.NotFoundPage();
            }
            catch (ValidationException e)
            {
                foreach (var (key, errors) in e.Errors)
                {
                    var field = Request.Query["handler"] == "Facts" ? IncidentForm.FieldKey(key)
                        : new[] { nameof(At), nameof(Note), nameof(Evidence), nameof(Text), nameof(Reason), nameof(Party), nameof(Kind), nameof(Part), nameof(Status) }
                            .FirstOrDefault(f => string.Equals(f, key, StringComparison.OrdinalIgnoreCase)) ?? "";
                    foreach (var error in errors)
                    {
                        ModelState.AddModelError(field, PlainWords.For(key, error));
                    }
                }
            }
            catch (Exception e) when (e is ConflictException or ForbiddenException)
            {
                ModelState.AddRefusal(e);
            }
        }
        return await ShowAgainAsync(id, cancellationToken);
    }

    /// <summary>The page again after a refusal: the facts form keeps what was sent to it, the others start from the incident.</summary>
    private async Task<IActionResult> ShowAgainAsync(Guid id, CancellationToken cancellationToken)
    {
        var facts = Form;
        var shown = await ShowAsync(id, cancellationToken);
        Form = Request.Query["handler"] == "Facts" || Incident is null ? facts : IncidentForm.From(Incident);
        return shown;
    }

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Incident = await incidents.GetAsync(actor, id, cancellationToken);
            Clocks = await clocks.ListAsync(actor, id, cancellationToken);
            Engagements = await engagements.ListAsync(actor, id, cancellationToken);
            Messages = await messages.ListAsync(actor, id, cancellationToken);
            Timeline = await incidents.TimelineAsync(actor, id, cancellationToken);
            Decision = await decisions.GetAsync(actor, id, cancellationToken);
            if (CanReadDirectory)
            {
                Named = await organizations.NamedAsync(actor, Incident.AffectedCustomers, cancellationToken);
            }
            if (CanChooseAffectedCustomers)
            {
                var page = await organizations.ListAsync(actor, Find, 0, DirectoryPage + Incident.AffectedCustomers.Count, cancellationToken);
                Directory = [.. page.Items.Where(o => !Incident.AffectedCustomers.Contains(o.Name)).Take(DirectoryPage)];
                DirectoryTruncated = page.Total > page.Items.Count;
            }
        }
        catch (NotFoundException)
        {
            return this.NotFoundPage();
        }
        Now = time.GetUtcNow();
        return Page();
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
