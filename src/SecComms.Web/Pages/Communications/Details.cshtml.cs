using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Communications;
using SecComms.Core.Disclosure;
using SecComms.Core.Distribution;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Incidents;
using SecComms.Core.Paging;
using SecComms.Core.Policy;
using SecComms.Core.Releases;
using SecComms.Core.Workflow;
using IncidentRecords = SecComms.Core.Incidents.Incidents;

namespace SecComms.Web.Pages.Communications;

/// <summary>A communication as it reads now in every channel, how it got there, what stands before publication, and the review actions.</summary>
public sealed partial class DetailsModel(
    CommunicationService communications, WorkflowService workflow, DisclosureService disclosure, SecurityReleases releases, IncidentRecords incidents,
    CommunicationAudiences audiences, Dispatches dispatches, Segments segments, AudienceAccess audienceAccess, SecCommsPolicy policy, Actor actor) : PageModel
{
    private bool _safePosted;

    public CommunicationView? Communication { get; private set; }

    public IReadOnlyList<RevisionSummary> Revisions { get; private set; } = [];

    public RequirementsView? Requirements { get; private set; }

    public IReadOnlyList<ApprovalView> Approvals { get; private set; } = [];

    public DisclosureView? Disclosure { get; private set; }

    /// <summary>Approved exceptions in force for this communication, to pass closed gates with.</summary>
    public IReadOnlyList<GateExceptionOption> GateExceptions { get; private set; } = [];

    public IReadOnlyList<SecurityReleaseView> Releases { get; private set; } = [];

    /// <summary>Incidents the signed-in person may link; empty outside the security team.</summary>
    public IReadOnlyList<IncidentSummary> Incidents { get; private set; } = [];

    /// <summary>Where the quorum fallback stands, for a communication about an incident; null otherwise.</summary>
    public QuorumFallbackView? QuorumFallback { get; private set; }

    public bool CanInvokeQuorumFallback => CanWrite && QuorumFallback is { Available: true } && actor.IsInTeam(Actor.SecurityTeam);

    /// <summary>Who the email goes to when it is published; null when the category sends no email.</summary>
    public CommunicationAudienceView? EmailAudience { get; private set; }

    /// <summary>Why the audience cannot be resolved now, such as an incident no longer linked.</summary>
    public string? EmailAudienceProblem { get; private set; }

    public IReadOnlyList<DispatchView> EmailDispatches { get; private set; } = [];

    /// <summary>The segments to choose from; empty for those who may not see audiences.</summary>
    public IReadOnlyList<SegmentView> SegmentOptions { get; private set; } = [];

    public bool SendsEmail { get; private set; }

    /// <summary>The audience choice: empty for none, <c>segment:KEY</c>, or <see cref="AffectedCustomersChoice"/>.</summary>
    [BindProperty]
    public string? Audience { get; set; }

    public const string AffectedCustomersChoice = "affected-customers";

    [BindProperty]
    public bool RequireAcknowledgement { get; set; }

    [BindProperty]
    public string? NoRecipientsReason { get; set; }

    public bool CanChooseAudience => Allows(CommunicationOperation.ChangeAudience) && SendsEmail && audienceAccess.CanRead(actor);

    public bool CanTestSend => Allows(CommunicationOperation.TestSend) && SendsEmail;

    /// <summary>Core allows no edit once it is out, so a published or withdrawn one offers none.</summary>
    public bool CanEdit => Allows(CommunicationOperation.Edit);

    private bool Allows(CommunicationOperation operation) => Communication?.Allows(operation) == true;

    public string BodyHtml { get; private set; } = "";

    public string CategoryName { get; private set; } = "";

    public bool CanWrite => actor.CanWrite;

    [TempData(Key = PageSupport.FlashKey)]
    public string? Flash { get; set; }

    /// <summary>The package hash the decision is taken on: the one shown on the page the person read.</summary>
    [BindProperty]
    public string? PackageHash { get; set; }

    [BindProperty]
    public string? Stage { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    /// <summary>The publication time, read as UTC.</summary>
    [BindProperty]
    public DateTime? At { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>The policy exception to pass closed gates with, when publishing or scheduling.</summary>
    [BindProperty]
    public Guid? ExceptionId { get; set; }

    [BindProperty]
    public Guid? ReleaseId { get; set; }

    [BindProperty]
    public Guid? IncidentId { get; set; }

    /// <summary>The end of the embargo, read as UTC.</summary>
    [BindProperty]
    public DateTime? EmbargoUntil { get; set; }

    /// <summary>The SAFE answers in the form; each is null until chosen.</summary>
    [BindProperty]
    public bool? Sensitive { get; set; }

    [BindProperty]
    public bool? Accurate { get; set; }

    [BindProperty]
    public bool? Financial { get; set; }

    [BindProperty]
    public bool? Effect { get; set; }

    [BindProperty]
    public string? Notes { get; set; }

    /// <summary>An author or a member of the owner team, before publication, of a public communication.</summary>
    public bool CanAnswerSafe { get; private set; }

    /// <summary>The open stage the signed-in person may approve or reject, if any.</summary>
    public StageView? DecidableStage { get; private set; }

    /// <summary>The consulted team the signed-in person may give advice for, if any.</summary>
    public string? AdviceTeam { get; private set; }

    public bool CanSubmit => CanWrite && Communication?.Status == CommunicationStatus.Draft;

    public bool CanSchedule => Allows(CommunicationOperation.Schedule) && Communication?.Status is CommunicationStatus.Approved or CommunicationStatus.Scheduled;

    /// <summary>Nothing outstanding, or only closed gates, which the form then asks an exception for.</summary>
    public bool CanPublish => Allows(CommunicationOperation.Publish) && Communication?.Status is CommunicationStatus.Approved or CommunicationStatus.Scheduled
        && Requirements is { } r && (r.ReadyToPublish || r.OnlyGatesClosed);

    public bool GatesClosed => Disclosure is { Open: false };

    public bool CanChangeLinks => Allows(CommunicationOperation.ChangeLinks);

    public bool CanWithdraw => Allows(CommunicationOperation.Withdraw);

    public bool CanDecideNoPublicNotification { get; private set; }

    /// <summary>Approved, linked to a release not yet published: it may be armed to go out with it, or disarmed.</summary>
    public bool CanShipWithRelease => Allows(CommunicationOperation.ShipWithRelease) && Communication?.Status == CommunicationStatus.Approved
        && Disclosure?.Release is { Status: not Core.Releases.ReleaseStatus.Published };

    /// <param name="id">The communication.</param>
    /// <param name="view">The channel to show first: <c>web</c>, <c>email</c>, <c>social</c> (the short text) or <c>support-faq</c>.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public Task<IActionResult> OnGetAsync(Guid id, string? view, CancellationToken cancellationToken) => ShowAsync(id, cancellationToken, view);

    public Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, async () => await workflow.SubmitAsync(actor, id, cancellationToken), "Submitted for review.", cancellationToken);

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken cancellationToken) =>
        DecideAsync(id, "approve", cancellationToken);

    public Task<IActionResult> OnPostRejectAsync(Guid id, CancellationToken cancellationToken) =>
        DecideAsync(id, "reject", cancellationToken);

    public Task<IActionResult> OnPostAdviceAsync(Guid id, CancellationToken cancellationToken) =>
        DecideAsync(id, "advice", cancellationToken);

    public Task<IActionResult> OnPostScheduleAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, async () =>
        {
            var at = At is { } local ? new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Utc)) : (DateTimeOffset?)null;
            var scheduled = await workflow.ScheduleAsync(actor, id, at, ExceptionId, cancellationToken);
            return $"Scheduled for {PageSupport.Utc(scheduled.ScheduledAt ?? default)}.";
        }, cancellationToken);

    public Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken cancellationToken) =>
        !this.Confirms("publishing") ? ShowAsync(id, cancellationToken) : ActAsync(id, async () =>
        {
            var published = await workflow.PublishAsync(actor, id, ExceptionId, cancellationToken);
            return $"Published revision {published.PublishedRevision}.";
        }, cancellationToken);

    public Task<IActionResult> OnPostShipWithReleaseAsync(Guid id, bool armed, CancellationToken cancellationToken) =>
        ActAsync(id, async () =>
        {
            var changed = await workflow.ShipWithReleaseAsync(actor, id, new ShipWithReleaseRequest(armed), cancellationToken);
            return changed.ShipsWithRelease
                ? $"Armed: {changed.Reference} is published when its release is."
                : $"{changed.Reference} no longer ships with its release.";
        }, cancellationToken);

    public Task<IActionResult> OnPostLinksAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, async () =>
        {
            var embargo = EmbargoUntil is { } local ? new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Utc)) : (DateTimeOffset?)null;
            var links = await disclosure.SetLinksAsync(actor, id, new LinksRequest(ReleaseId, IncidentId, embargo), cancellationToken);
            return links.Open ? "Links saved; every gate is open." : "Links saved.";
        }, cancellationToken);

    public Task<IActionResult> OnPostAudienceAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, async () =>
        {
            var choice = Audience switch
            {
                AffectedCustomersChoice => new AudienceChoice(null, AffectedCustomers: true, RequireAcknowledgement),
                { } value when value.StartsWith("segment:", StringComparison.Ordinal) => new AudienceChoice(value["segment:".Length..], false, RequireAcknowledgement),
                _ => new AudienceChoice(null, NoRecipientsReason: NoRecipientsReason),
            };
            var set = await audiences.SetAsync(actor, id, choice, cancellationToken);
            return set.Preview is { } preview ? $"Email audience saved: {preview.Audience}, {preview.Recipients} recipients now."
                : set.NoRecipientsReason is not null ? "Recorded: publication sends the email to no one."
                : "Email audience cleared: publication sends no email.";
        }, cancellationToken);

    public async Task<IActionResult> OnPostTestSendAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            var test = await dispatches.TestSendAsync(actor, id, cancellationToken);
            TempData[PageSupport.FlashKey] = $"Test queued for {test.Recipients} {(test.Recipients == 1 ? "person" : "people")}: the approvers and you.";
            return RedirectToPage("/DeliveryReport/Dispatch", new { id = test.Id });
        }
        catch (NotFoundException)
        {
            return this.NotFoundPage();
        }
        catch (Exception e) when (e is ConflictException or ForbiddenException or ValidationException)
        {
            ModelState.AddRefusal(e);
        }
        return await ShowAsync(id, cancellationToken);
    }

    public Task<IActionResult> OnPostSafeAsync(Guid id, CancellationToken cancellationToken)
    {
        _safePosted = true;
        return ActAsync(id, async () =>
        {
            var safe = await workflow.AnswerSafeAsync(actor, id, new SafeRequest(Sensitive, Accurate, Financial, Effect, Notes), cancellationToken);
            return safe.Flags.Count == 0 ? "SAFE answers saved: no risk flagged."
                : safe.AddedTeams.Count == 0 ? $"SAFE answers saved: {string.Join(", ", safe.Flags)} flagged; the teams it needs already approve."
                : $"SAFE answers saved: {string.Join(", ", safe.Flags)} flagged, so {string.Join(", ", safe.AddedTeams)} must approve too.";
        }, cancellationToken);
    }

    /// <summary>What the SAFE form shows as chosen: what was just sent, or else the answers in force.</summary>
    public bool? SafeChoice(SafeQuestion question) => question.Key switch
    {
        SafeQuestions.Sensitive => Sensitive,
        SafeQuestions.Accurate => Accurate,
        SafeQuestions.Financial => Financial,
        SafeQuestions.Effect => Effect,
        _ => null,
    };

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken cancellationToken) =>
        !this.Confirms("withdrawing") ? ShowAsync(id, cancellationToken)
            : ActAsync(id, () => workflow.WithdrawAsync(actor, id, Reason, cancellationToken), "Withdrawn.", cancellationToken);

    public Task<IActionResult> OnPostNoPublicNotificationAsync(Guid id, CancellationToken cancellationToken) =>
        !this.Confirms("closing it with no public notification") ? ShowAsync(id, cancellationToken)
            : ActAsync(id, () => workflow.DecideNoPublicNotificationAsync(actor, id, Reason, cancellationToken), "Closed with no public notification.", cancellationToken);

    public Task<IActionResult> OnPostQuorumFallbackAsync(Guid id, CancellationToken cancellationToken) =>
        !this.Confirms("invoking the quorum fallback") ? ShowAsync(id, cancellationToken) : ActAsync(id, async () =>
        {
            var fallback = await workflow.InvokeQuorumFallbackAsync(actor, id, new QuorumFallbackRequest(Reason), cancellationToken);
            return $"Quorum fallback invoked: {string.Join(", ", fallback.Waived)} waived for this review round.";
        }, cancellationToken);

    /// <summary>A release named by its reference, with its title when it is the one this communication is linked to.</summary>
    public string ReleaseName(string reference) =>
        Disclosure?.Release is { } linked && linked.Reference == reference ? $"{linked.Reference} ({linked.Title})" : reference;

    public static string CountText(int count, string one, string many) => $"{count} {(count == 1 ? one : many)}";

    /// <remarks>Only a communication in review waits on anyone: before it is submitted or once it is out, the open stage is not asked.</remarks>
    public string StateText(StageView stage) => stage.State switch
    {
        StageState.Approved when stage.Approval is { } a => $"Approved by {a.Approver.Name} on revision {a.Revision}",
        StageState.Waiting when Communication?.Status == CommunicationStatus.Draft => "Asked once submitted",
        StageState.Waiting when Communication?.Status != CommunicationStatus.InReview => "Not asked",
        StageState.Waiting => "Waiting",
        StageState.NotYetOpen => "Not yet open",
        StageState.NotRequired => "Not required",
        StageState.Waived => "Waived by the quorum fallback",
        _ => stage.State.ToString(),
    };

    private Task<IActionResult> DecideAsync(Guid id, string decision, CancellationToken cancellationToken) =>
        ActAsync(id, async () =>
        {
            var stage = string.IsNullOrWhiteSpace(Stage) ? null : Stage;
            var approval = await workflow.DecideAsync(actor, id, new DecisionRequest(stage, decision, PackageHash, Comment), cancellationToken);
            return approval.Decision switch
            {
                ApprovalDecision.Approved => $"Approved revision {approval.Revision} for {approval.Team}.",
                ApprovalDecision.Rejected => $"Rejected revision {approval.Revision} for {approval.Team}: it is back with its author.",
                _ => $"Advice recorded for {approval.Team}.",
            };
        }, cancellationToken);

    private Task<IActionResult> ActAsync(Guid id, Func<Task> action, string done, CancellationToken cancellationToken) =>
        ActAsync(id, async () =>
        {
            await action();
            return done;
        }, cancellationToken);

    /// <remarks>A refusal from Core is shown on the page with the communication as it now stands, so the person sees why.</remarks>
    private async Task<IActionResult> ActAsync(Guid id, Func<Task<string>> action, CancellationToken cancellationToken)
    {
        try
        {
            TempData[PageSupport.FlashKey] = await action();
            return RedirectToPage("/Communications/Details", new { id });
        }
        catch (NotFoundException)
        {
            return this.NotFoundPage();
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e, nameof(Comment), nameof(At), nameof(Reason), nameof(ExceptionId), nameof(EmbargoUntil), nameof(Sensitive),
                nameof(Accurate), nameof(Financial), nameof(Effect), nameof(Notes));
        }
        catch (Exception e) when (e is ConflictException or ForbiddenException)
        {
            ModelState.AddRefusal(e);
        }
        return await ShowAsync(id, cancellationToken);
    }

    private async Task LoadEmailAudienceAsync(Guid id, CancellationToken cancellationToken)
    {
        SendsEmail = policy.FindCategory(Communication!.Category)?.Channels.Contains(Channels.Email) == true;
        EmailDispatches = await dispatches.ListAsync(actor, id, cancellationToken);
        if (!SendsEmail)
        {
            return;
        }
        try
        {
            EmailAudience = await audiences.GetAsync(actor, id, cancellationToken);
        }
        catch (ConflictException e)
        {
            EmailAudienceProblem = PlainWords.Of(e.Message);
        }
        if (CanChooseAudience)
        {
            SegmentOptions = await segments.ListAsync(actor, cancellationToken);
        }
        if (EmailAudience is { } current && !ModelState.ContainsKey(nameof(Audience)))
        {
            Audience = current.AffectedCustomers ? AffectedCustomersChoice : current.Segment is { } key ? $"segment:{key}" : "";
            RequireAcknowledgement = current.RequireAcknowledgement;
            NoRecipientsReason = current.NoRecipientsReason;
        }
    }

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken cancellationToken, string? view = null)
    {
        try
        {
            Communication = await communications.GetAsync(actor, id, cancellationToken);
            Revisions = await communications.RevisionsAsync(actor, id, cancellationToken);
            Requirements = await workflow.RequirementsAsync(actor, id, cancellationToken);
            Approvals = await workflow.ApprovalsAsync(actor, id, cancellationToken);
            Disclosure = await disclosure.GetAsync(actor, id, cancellationToken);
            QuorumFallback = Disclosure.Incident is null ? null : await workflow.QuorumFallbackAsync(actor, id, cancellationToken);
            await LoadEmailAudienceAsync(id, cancellationToken);
            // The choices of a form are read only for a reader Core lets use it.
            if ((CanPublish || CanSchedule) && GatesClosed)
            {
                GateExceptions = await disclosure.GateExceptionsAsync(actor, id, cancellationToken);
            }
            if (CanChangeLinks)
            {
                Releases = (await releases.ListAsync(new ReleaseFilter(Limit: NumberCursor.MaxLimit), cancellationToken)).Items;
                Incidents = (await incidents.ListAsync(actor, new IncidentFilter(Limit: NumberCursor.MaxLimit), cancellationToken)).Items;
            }
        }
        catch (NotFoundException)
        {
            return this.NotFoundPage();
        }
        BodyHtml = MarkdownRenderer.ToSafeHtml(Communication.Revision.Content.Body);
        var category = policy.FindCategory(Communication.Category);
        CategoryName = category?.Name ?? Communication.Category;
        ArrangeChannels(category, view);
        var isAuthor = Revisions.Any(r => r.Author.Id == actor.UserId);
        CanAnswerSafe = CanWrite && Requirements.Safe.State != SafeState.NotRequired
            && Communication.Status is CommunicationStatus.Draft or CommunicationStatus.InReview or CommunicationStatus.Approved or CommunicationStatus.Scheduled
            && (isAuthor || (category is not null && actor.IsInTeam(category.Owner)));
        if (!_safePosted && Requirements.Safe.Answers is { } answers)
        {
            (Sensitive, Accurate, Financial, Effect, Notes) = (answers.Sensitive, answers.Accurate, answers.Financial, answers.Effect, answers.Notes);
        }
        if (CanWrite)
        {
            DecidableStage = Communication.Status == CommunicationStatus.InReview && !isAuthor
                ? Requirements.Stages.FirstOrDefault(s => s.State == StageState.Waiting && (actor.IsInTeam(s.Team) || (s.BackupsEngaged && s.Backup.Any(actor.IsInTeam))))
                : null;
            AdviceTeam = Communication.Status is CommunicationStatus.Draft or CommunicationStatus.InReview or CommunicationStatus.Approved or CommunicationStatus.Scheduled
                ? Requirements.Consult.FirstOrDefault(actor.IsInTeam)
                : null;
            CanDecideNoPublicNotification = category?.Area == "incident" && actor.IsInTeam(Actor.SecurityTeam)
                && Communication.Status is CommunicationStatus.Draft or CommunicationStatus.InReview;
        }
        PackageHash = Communication.PackageHash;
        ModelState.Remove(nameof(PackageHash));
        return Page();
    }
}
