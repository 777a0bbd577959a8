using Microsoft.EntityFrameworkCore;
using SecComms.Core.Advisories;
using SecComms.Core.Audit;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Disclosure;
using SecComms.Core.Distribution;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Incidents.Clocks;
using SecComms.Core.Policy;
using SecComms.Core.Releases;

namespace SecComms.Core.Workflow;

/// <summary>
/// Moves a communication through review, approval, scheduling and publication under the policy in force. Every rule
/// is re-checked inside the write scope, so a decision never lands on a revision that changed meanwhile.
/// </summary>
public sealed partial class WorkflowService(
    SecCommsDb db, WriteScope writes, AuditTrail audit, SecCommsPolicy policy, CommunicationService communications, DisclosureGates gates,
    ReleaseConsistency consistency, PublicChanges publicChanges, IncidentClocks clocks, DispatchPlanner dispatches, DistributionSignal distribution,
    CommunicationPermissions permissions, Readiness readiness, CommunicationReads reads, TeamStaffing staffing, TimeProvider time)
{
    /// <summary>Who the audit trail names for what the system does on its own, such as publishing at the scheduled time.</summary>
    public const string SystemActor = "system";
    private const string IncidentArea = "incident";

    public Task<CommunicationView> SubmitAsync(Actor actor, Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(actor, id, async (communication, _) =>
        {
            communication.RequireStatus("Only a draft can be submitted for review", CommunicationStatus.Draft);
            if (SafeQuestions.AreRequired(communication) && await SafeCheckOfAsync(communication, tracking: false, cancellationToken) is null)
            {
                throw new ConflictException(
                    $"A public communication is submitted for review only once the SAFE questions (sensitive, accurate, financial, effect) are answered; {communication.Reference} has no SAFE answers.");
            }
            await RequireIncidentVariantsAsync(communication, "submitted for review", cancellationToken);
            var submitted = communication.Submit(await communications.PackageHashAsync(communication, cancellationToken), time.GetUtcNow());
            await RecordAsync(actor, communication, submitted, cancellationToken);
        }, cancellationToken);

    public Task<CommunicationView> SetCustomersAffectedAsync(Actor actor, Guid id, bool customersAffected, CancellationToken cancellationToken) =>
        ChangeAsync(actor, id, async (communication, category) =>
        {
            communication.RequireStatus("Whether customers are affected can change only before publication",
                CommunicationStatus.Draft, CommunicationStatus.InReview, CommunicationStatus.Approved, CommunicationStatus.Scheduled);
            if (communication.CustomersAffected == customersAffected)
            {
                return;
            }
            communication.CustomersAffected = customersAffected;
            var status = await SettleAsync(communication, category, await SafeCheckOfAsync(communication, tracking: false, cancellationToken), cancellationToken);
            await RecordAsync(actor, communication, new CustomersAffectedChanged(customersAffected, AuditNames.Of(status)), cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// Switches emergency mode: the category's emergency approval deadlines apply, and once the waiting stage's deadline
    /// passes, the backup teams the policy names for it may approve.
    /// </summary>
    /// <remarks>The security team or the category's owner team decides: they answer for the communication going out in time.</remarks>
    public async Task<RequirementsView> SetEmergencyAsync(Actor actor, Guid id, bool emergency, CancellationToken cancellationToken)
    {
        await WriteAsync(actor, id, async (communication, category) =>
        {
            communication.RequireStatus("Emergency mode can change only before publication",
                CommunicationStatus.Draft, CommunicationStatus.InReview, CommunicationStatus.Approved, CommunicationStatus.Scheduled);
            permissions.Require(actor, communication, CommunicationOperation.SwitchEmergency);
            if (communication.Emergency == emergency)
            {
                return;
            }
            communication.Emergency = emergency;
            await RecordAsync(actor, communication, "communication.emergency-changed", new
            {
                Emergency = emergency,
                Deadline = Durations.Format(emergency ? category.Deadlines.Emergency : category.Deadlines.Normal),
            }, cancellationToken);
        }, cancellationToken);
        return await RequirementsAsync(actor, id, cancellationToken);
    }

    /// <summary>
    /// Records the answers to the SAFE questions of a public communication. Flagged answers add the approval stages the
    /// policy names; a change adds or removes them and moves the communication between in review and approved.
    /// </summary>
    /// <remarks>An author of the communication or a member of its category's owner team answers: they know what it says and why.</remarks>
    public async Task<SafeView> AnswerSafeAsync(Actor actor, Guid id, SafeRequest request, CancellationToken cancellationToken)
    {
        new Validation()
            .Require(request.Sensitive is not null, "sensitive", "sensitive is required: does it disclose sensitive information? (true or false)")
            .Require(request.Accurate is not null, "accurate", "accurate is required: is every statement verified? (true or false)")
            .Require(request.Financial is not null, "financial", "financial is required: could it affect financial results or disclosures? (true or false)")
            .Require(request.Effect is not null, "effect",
                "effect is required: could it affect reputation, customers or partners beyond the intended audience? (true or false)")
            .MaxLength(request.Notes, WorkflowLimits.Comment, "notes")
            .PlainText(request.Notes, "notes", multiline: true)
            .ThrowIfInvalid();
        var notes = string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim();
        await WriteAsync(actor, id, async (communication, category) =>
        {
            if (!SafeQuestions.AreRequired(communication))
            {
                throw new ConflictException($"Confidential communications need no SAFE check; {communication.Reference} is confidential.");
            }
            communication.RequireStatus("SAFE answers can change only before publication",
                CommunicationStatus.Draft, CommunicationStatus.InReview, CommunicationStatus.Approved, CommunicationStatus.Scheduled);
            if (!SafeQuestions.MayAnswer(actor, category, (await communications.WrittenByAsync(actor, [communication.Id], cancellationToken)).Count > 0))
            {
                throw new ForbiddenException(
                    $"Only an author of {communication.Reference} or a member of its owner team ({category.Owner}) may answer its SAFE questions.");
            }
            var answers = await SafeCheckOfAsync(communication, tracking: true, cancellationToken);
            if (answers is not null && answers.Sensitive == request.Sensitive && answers.Accurate == request.Accurate && answers.Financial == request.Financial
                && answers.Effect == request.Effect && answers.Notes == notes && answers.ContentHash == communication.CurrentContentHash)
            {
                return;
            }
            var previous = answers?.Flags();
            if (answers is null)
            {
                answers = new SafeCheck { CommunicationId = communication.Id, ContentHash = communication.CurrentContentHash };
                db.SafeChecks.Add(answers);
            }
            answers.Sensitive = request.Sensitive is true;
            answers.Accurate = request.Accurate is true;
            answers.Financial = request.Financial is true;
            answers.Effect = request.Effect is true;
            answers.Notes = notes;
            answers.AnsweredById = actor.UserId;
            answers.AnsweredAt = time.GetUtcNow();
            answers.RevisionNumber = communication.CurrentRevision;
            answers.ContentHash = communication.CurrentContentHash;
            var status = await SettleAsync(communication, category, answers, cancellationToken);
            await RecordAsync(actor, communication, new SafeAnswered(answers.Sensitive, answers.Accurate, answers.Financial, answers.Effect, answers.Notes,
                answers.Flags(), previous, [.. SafeQuestions.AddedStages(category, policy.Safe, communication, answers).Select(s => s.Team)],
                answers.RevisionNumber, answers.ContentHash, AuditNames.Of(status)), cancellationToken);
        }, cancellationToken);
        return await SafeAsync(actor, id, cancellationToken);
    }

    public async Task<SafeView> SafeAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        var communication = await communications.FindVisibleAsync(actor, id, tracking: false, cancellationToken);
        return await SafeViewAsync(communication, policy.CategoryOf(communication), await SafeCheckOfAsync(communication, tracking: false, cancellationToken),
            cancellationToken);
    }

    public async Task<ApprovalView> DecideAsync(Actor actor, Guid id, DecisionRequest request, CancellationToken cancellationToken)
    {
        CommunicationService.EnsureCanWrite(actor);
        var decision = request.Decision switch
        {
            "approve" => ApprovalDecision.Approved,
            "reject" => ApprovalDecision.Rejected,
            "advice" => ApprovalDecision.Advice,
            _ => (ApprovalDecision?)null,
        };
        new Validation()
            .Require(decision is not null, "decision", "decision must be one of: approve, reject, advice.")
            .Require(!string.IsNullOrWhiteSpace(request.PackageHash), "packageHash",
                "packageHash is required: send the package hash you were shown, so you never approve text, links or an audience you have not seen.")
            .Require(decision is not (ApprovalDecision.Rejected or ApprovalDecision.Advice) || !string.IsNullOrWhiteSpace(request.Comment), "comment",
                decision == ApprovalDecision.Rejected ? "Say why you reject it: a rejection needs a comment." : "Write your advice in the comment.")
            .MaxLength(request.Comment, WorkflowLimits.Comment, "comment")
            .PlainText(request.Comment, "comment", multiline: true)
            .MaxLength(request.Stage, 64, "stage")
            .PlainText(request.Stage, "stage")
            .ThrowIfInvalid();

        var approvalId = await writes.RunAsync(async () =>
        {
            var communication = await communications.FindVisibleAsync(actor, id, tracking: true, cancellationToken);
            var category = policy.CategoryOf(communication);
            var package = await communications.PackageHashAsync(communication, cancellationToken);
            if (request.PackageHash != package)
            {
                throw new ConflictException(
                    $"You decided on package {request.PackageHash}, but {communication.Reference} is now at revision {communication.CurrentRevision} with package {package}: its text, release, incident, embargo or audience changed. Read it again and decide again.");
            }
            await RecordPackageAsync(actor, communication, package, cancellationToken);
            if (decision == ApprovalDecision.Approved)
            {
                await consistency.RequireConsistentAsync(communication, "approved", cancellationToken);
            }
            var approvals = await db.Approvals.AsNoTracking().Where(a => a.CommunicationId == id).ToListAsync(cancellationToken);
            var answers = await SafeCheckOfAsync(communication, tracking: false, cancellationToken);
            var approval = decision == ApprovalDecision.Advice
                ? Consult(actor, communication, category, request)
                : await StageDecisionAsync(actor, communication, category, answers, approvals, request, decision == ApprovalDecision.Approved, cancellationToken);
            db.Approvals.Add(approval);
            var asBackup = approval.Kind == ApprovalKind.Approve && !actor.IsInTeam(approval.Team);
            switch (approval.Decision)
            {
                case ApprovalDecision.Rejected:
                    await RecordAsync(actor, communication, communication.Reject(approval, asBackup), cancellationToken);
                    break;
                case ApprovalDecision.Approved:
                    await SettleAsync(communication, category, answers, cancellationToken, approval);
                    await RecordAsync(actor, communication, communication.Decided<StageApproved>(approval, asBackup), cancellationToken);
                    break;
                default:
                    await RecordAsync(actor, communication, communication.Decided<AdviceGiven>(approval, asBackup), cancellationToken);
                    break;
            }
            communication.UpdatedAt = time.GetUtcNow();
            return approval.Id;
        }, cancellationToken);
        return (await ApprovalsAsync(actor, id, cancellationToken)).Single(a => a.Id == approvalId);
    }

    /// <summary>Schedules an approved communication; its gates must be open at that time, or be passed by <paramref name="exceptionId"/>.</summary>
    public Task<CommunicationView> ScheduleAsync(Actor actor, Guid id, DateTimeOffset? at, Guid? exceptionId, CancellationToken cancellationToken)
    {
        new Validation().Require(at is not null, "at", "at is required: the time to publish at.").ThrowIfInvalid();
        return ChangeAsync(actor, id, async (communication, category) =>
        {
            permissions.Require(actor, communication, CommunicationOperation.Schedule);
            communication.RequireStatus("Only an approved communication can be scheduled", CommunicationStatus.Approved, CommunicationStatus.Scheduled);
            var now = time.GetUtcNow();
            if (at <= now)
            {
                throw ValidationException.For("at", $"at must be in the future; it is {Moment.Text(at)} and now is {Moment.Text(now)}.");
            }
            await readiness.RequireAsync(communication, at!.Value, exceptionId, "scheduled", cancellationToken);
            var passage = await gates.PassAsync(communication, category, at!.Value, exceptionId, cancellationToken);
            await RecordAsync(actor, communication, communication.Schedule(at.Value, passage), cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Publishes an approved or scheduled communication now; its gates must be open, or be passed by <paramref name="exceptionId"/>.</summary>
    public async Task<CommunicationView> PublishAsync(Actor actor, Guid id, Guid? exceptionId, CancellationToken cancellationToken)
    {
        await WriteAsync(actor, id, (communication, category) =>
        {
            permissions.Require(actor, communication, CommunicationOperation.Publish);
            return PublishAsync(actor.Email, communication, category, exceptionId ?? communication.GateExceptionId, cancellationToken);
        }, cancellationToken);
        publicChanges.Published();
        distribution.Wake();
        return await communications.GetAsync(actor, id, cancellationToken);
    }

    /// <summary>
    /// Publishes every scheduled communication whose time has come. One whose approvals or gates no longer hold goes back
    /// to approved with the reason, so people see why it did not go out.
    /// </summary>
    /// <returns>How many were published.</returns>
    public async Task<int> PublishDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await db.Communications.AsNoTracking()
            .Where(c => c.Status == CommunicationStatus.Scheduled && c.ScheduledAt <= now)
            .OrderBy(c => c.ScheduledAt).Select(c => c.Id).ToListAsync(cancellationToken);
        var published = 0;
        foreach (var id in due)
        {
            var count = await writes.RunAsync(async () =>
            {
                var communication = await db.Communications.AsTracking().SingleAsync(c => c.Id == id, cancellationToken);
                if (communication.Status != CommunicationStatus.Scheduled || communication.ScheduledAt > time.GetUtcNow())
                {
                    return 0;
                }
                try
                {
                    await PublishAsync(SystemActor, communication, policy.CategoryOf(communication), communication.GateExceptionId, cancellationToken);
                    communication.UpdatedAt = time.GetUtcNow();
                    return 1;
                }
                catch (SecCommsException refused) when (refused is ConflictException or ValidationException)
                {
                    var unscheduled = communication.Unschedule($"The publication scheduled for {Moment.Text(communication.ScheduledAt)} did not happen: {refused.Message}");
                    communication.UpdatedAt = time.GetUtcNow();
                    await RecordAsync(SystemActor, communication, unscheduled, cancellationToken);
                    return 0;
                }
            }, cancellationToken);
            if (count > 0)
            {
                publicChanges.Published();
                distribution.Wake();
                published += count;
            }
        }
        return published;
    }

    /// <remarks><paramref name="shippedWith"/> names the release whose publication publishes it, when it was armed to ship with it.</remarks>
    private async Task PublishAsync(string actorEmail, Communication communication, Category category, Guid? exceptionId, CancellationToken cancellationToken,
        string? shippedWith = null)
    {
        communication.RequireStatus("Only an approved communication can be published", CommunicationStatus.Approved, CommunicationStatus.Scheduled);
        var now = time.GetUtcNow();
        var approvals = (await readiness.RequireAsync(communication, now, exceptionId, "published", cancellationToken)).Approvals;
        var passage = await gates.PassAsync(communication, category, now, exceptionId, cancellationToken);
        var published = communication.Publish(passage,
            approvals.Where(a => a.CountsFor(communication)).Select(a => new PublishedApproval(a.Stage, a.Team, a.ApproverId)), now, shippedWith);
        if (passage.Exception is { } exception)
        {
            await RecordAsync(actorEmail, communication,
                new GatesOverridden(exception.Reference, exception.Rule, exception.ExpiresAt, [.. passage.Gates.Where(g => !g.Passed)]), cancellationToken);
        }
        await RecordAsync(actorEmail, communication, published, cancellationToken);
        await DiscloseVulnerabilityAsync(actorEmail, communication, now, cancellationToken);
        await clocks.MeetByPublicationAsync(actorEmail, communication, now, cancellationToken);
        await dispatches.QueueAsync(actorEmail, communication, published, cancellationToken);
    }

    /// <summary>A published advisory makes its vulnerability's details public.</summary>
    private async Task DiscloseVulnerabilityAsync(string actorEmail, Communication communication, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (communication.ReleasePart != ReleasePart.Advisory || communication.VulnerabilityId is not { } id
            || await db.Vulnerabilities.AsTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken) is not { } vulnerability
            || vulnerability.Status == Vulnerabilities.VulnerabilityStatus.Disclosed)
        {
            return;
        }
        vulnerability.Status = Vulnerabilities.VulnerabilityStatus.Disclosed;
        vulnerability.DisclosedAt = now;
        vulnerability.UpdatedAt = now;
        await audit.RecordAsync(actorEmail, "vulnerability.disclosed", Vulnerabilities.Vulnerabilities.Entity(id),
            new { vulnerability.Reference, Advisory = communication.Reference }, cancellationToken);
    }

    public Task<CommunicationView> WithdrawAsync(Actor actor, Guid id, string? reason, CancellationToken cancellationToken)
    {
        ValidateReason(reason);
        return ChangeAsync(actor, id, async (communication, _) =>
        {
            permissions.Require(actor, communication, CommunicationOperation.Withdraw);
            await RecordAsync(actor, communication, communication.Withdraw(reason!.Trim()), cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// Closes one message about an incident with no public notification, once the incident's own decision not to notify
    /// the public has been approved by every team the policy names; that decision closes the messages that existed then,
    /// this closes one written after it.
    /// </summary>
    public Task<CommunicationView> DecideNoPublicNotificationAsync(Actor actor, Guid id, string? reason, CancellationToken cancellationToken)
    {
        ValidateReason(reason);
        return ChangeAsync(actor, id, async (communication, category) =>
        {
            if (category.Area != IncidentArea)
            {
                throw new ConflictException(
                    $"Only an incident communication can be closed with no public notification; {communication.Reference} is a {category.Key} ({category.Area}).");
            }
            if (!actor.IsInTeam(Actor.SecurityTeam))
            {
                throw new ForbiddenException($"Only the {Actor.SecurityTeam} team decides that there is no public notification; you are not in team {Actor.SecurityTeam}.");
            }
            communication.RequireStatus("No public notification can be decided only for a draft or a communication in review",
                CommunicationStatus.Draft, CommunicationStatus.InReview);
            var decided = communication.IncidentId is { } incidentId && await db.NoPublicNotificationDecisions.AsNoTracking()
                .AnyAsync(d => d.IncidentId == incidentId && d.DecidedAt != null, cancellationToken);
            if (!decided)
            {
                throw new ConflictException(
                    $"{communication.Reference} can be closed with no public notification only once its incident's decision not to notify the public is approved by "
                    + $"{string.Join(", ", policy.Incidents.NoPublicNotificationApprovers)}; propose it on the incident.");
            }
            await RecordAsync(actor, communication, communication.CloseWithNoPublicNotification(reason!.Trim(), null), cancellationToken);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<ApprovalView>> ApprovalsAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        var communication = await communications.FindVisibleAsync(actor, id, tracking: false, cancellationToken);
        var approvals = await reads.ApprovalsAsync(id, cancellationToken);
        var people = await communications.PeopleAsync(approvals.Select(a => a.ApproverId), cancellationToken);
        return [.. approvals.OrderBy(a => a.At).ThenBy(a => a.Id).Select(a => View(a, communication, people))];
    }

    public async Task<RequirementsView> RequirementsAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        var communication = await communications.FindVisibleAsync(actor, id, tracking: false, cancellationToken);
        var category = policy.CategoryOf(communication);
        var report = await readiness.EvaluateAsync(communication, at: null, exceptionId: null, cancellationToken);
        var (approvals, stages, answers) = (report.Approvals, report.Stages, report.Answers);
        var people = await reads.NamedByAsync(communication, cancellationToken);
        var deadline = StageDeadline.Of(communication, category, stages);
        var unstaffed = deadline is not null && await staffing.LeftWithoutApproverAsync(stages[deadline.Stage].Stage, cancellationToken);
        var safe = await SafeViewAsync(communication, category, answers, cancellationToken);
        return new RequirementsView(
            communication.Id,
            communication.Reference,
            communication.Status,
            communication.CurrentRevision,
            communication.CurrentContentHash,
            communication.CustomersAffected,
            [.. stages.Select(s => new StageView(s.Index, s.Stage.Team, s.Stage.Purpose, s.Stage.When, s.State,
                s.Approval is null ? null : View(s.Approval, communication, people))
            {
                Backup = s.Stage.Backup,
                DueAt = deadline?.Stage == s.Index ? deadline.DueAt : null,
                BackupsEngaged = deadline?.Stage == s.Index && deadline.BackupsEngaged(communication, s.Stage, time.GetUtcNow(), unstaffed),
            })],
            category.Consult,
            [.. approvals.Where(a => a.Kind == ApprovalKind.Consult).OrderBy(a => a.At).Select(a => View(a, communication, people))],
            category.Fyi,
            safe,
            report.Gates.Gates,
            report.Gates.Exception?.Reference,
            report.Outstanding,
            report.Ready)
        {
            OnlyGatesClosed = report.OnlyGatesClosed,
            Emergency = communication.Emergency,
            WaivedTeams = communication.FallbackRound == communication.ReviewRound ? communication.WaivedTeams : [],
            Publication = await PublicationAsync(communication, cancellationToken),
        };
    }

    /// <summary>When it went out, and the release it shipped with as its publication event records it.</summary>
    private async Task<PublicationView?> PublicationAsync(Communication communication, CancellationToken cancellationToken)
    {
        if (communication is not { Status: CommunicationStatus.Published, PublishedAt: { } at, PublishedRevision: { } revision })
        {
            return null;
        }
        var entity = CommunicationService.Entity(communication.Id);
        var recorded = await db.AuditEvents.AsNoTracking().Where(e => e.Entity == entity && e.Action == Published.Action)
            .OrderByDescending(e => e.Seq).FirstOrDefaultAsync(cancellationToken);
        return new PublicationView(at, revision, recorded is null ? null : CommunicationEvents.Read<Published>(recorded)?.ShippedWith);
    }

    private async Task<Approval> StageDecisionAsync(Actor actor, Communication communication, Category category, SafeCheck? answers,
        List<Approval> approvals, DecisionRequest request, bool approve, CancellationToken cancellationToken)
    {
        communication.RequireStatus(approve ? "Only a communication in review can be approved" : "Only a communication in review can be rejected",
            CommunicationStatus.InReview);
        if (approve)
        {
            RequireSafeAnswers(communication, answers, "approved");
        }
        var stages = ApprovalProgress.Evaluate(category, policy.Safe, communication, answers, approvals);
        var applicable = stages.Where(s => s.Applies).ToList();
        var deadline = StageDeadline.Of(communication, category, stages);
        var now = time.GetUtcNow();
        var unstaffed = deadline is not null && !actor.IsInTeam(stages[deadline.Stage].Stage.Team)
            && await staffing.LeftWithoutApproverAsync(stages[deadline.Stage].Stage, cancellationToken);
        bool MayDecide(StageProgress s) => actor.IsInTeam(s.Stage.Team)
            || (deadline?.Stage == s.Index && deadline.BackupsEngaged(communication, s.Stage, now, unstaffed) && s.Stage.Backup.Any(actor.IsInTeam));
        StageProgress stage;
        if (request.Stage is { } team)
        {
            stage = applicable.FirstOrDefault(s => s.Stage.Team == team && s.State != StageState.Approved)
                ?? applicable.FirstOrDefault(s => s.Stage.Team == team)
                ?? throw ValidationException.For("stage",
                    $"{communication.Reference} ({category.Key}) has no approval stage for team '{team}'; its stages are: {string.Join(", ", applicable.Select(s => s.Stage.Team))}.");
            if (!MayDecide(stage))
            {
                throw new ForbiddenException($"Only a member of team {team} may decide for its stage; you are not in team {team}.{BackupRule(communication, stage, deadline)}");
            }
        }
        else
        {
            stage = applicable.FirstOrDefault(s => s.State != StageState.Approved && MayDecide(s))
                ?? applicable.FirstOrDefault(MayDecide)
                ?? throw new ForbiddenException(
                    $"Only members of the stage teams may decide on {communication.Reference}; you are not in team {ApprovalProgress.Waiting(stages)?.Stage.Team ?? applicable[0].Stage.Team}.{BackupRule(communication, ApprovalProgress.Waiting(stages), deadline)}");
        }
        if ((await communications.WrittenByAsync(actor, [communication.Id], cancellationToken)).Count > 0)
        {
            throw new ForbiddenException(approve
                ? $"No one may approve a text they wrote; you authored a revision of {communication.Reference}."
                : $"No one may reject a text they wrote; you authored a revision of {communication.Reference}. Edit it instead: a new revision returns it to review.");
        }
        if (approve)
        {
            if (stage.Approval is { } existing)
            {
                throw new ConflictException(
                    $"Stage {stage.Index + 1} ({stage.Stage.Team}) of {communication.Reference} has already approved revision {existing.RevisionNumber}.");
            }
            if (ApprovalProgress.Waiting(stages) is { } waiting && waiting.Index < stage.Index)
            {
                throw new ConflictException(
                    $"Stages are approved in order; stage {stage.Index + 1} ({stage.Stage.Team}) of {communication.Reference} waits for stage {waiting.Index + 1} ({waiting.Stage.Team}) to approve the current revision.");
            }
            if (!category.OnePersonMayFillSeveralStages && stages.FirstOrDefault(s => s.Approval?.ApproverId == actor.UserId) is { } other)
            {
                throw new ForbiddenException(
                    $"One person may not fill two approval stages of a {category.Key}; you already approved stage {other.Index + 1} ({other.Stage.Team}) of {communication.Reference}.");
            }
        }
        return NewApproval(actor, communication, stage.Index, stage.Stage.Team, ApprovalKind.Approve,
            approve ? ApprovalDecision.Approved : ApprovalDecision.Rejected, request.Comment);
    }

    /// <summary>Why a backup team member may not decide yet, when the stage has backup teams; empty otherwise.</summary>
    private static string BackupRule(Communication communication, StageProgress? stage, StageDeadline? deadline)
    {
        if (stage is null || stage.Stage.Backup.Count == 0)
        {
            return "";
        }
        var backups = string.Join(", ", stage.Stage.Backup);
        return !communication.Emergency && communication.ApproveWindow is null
            ? $" Its backup teams ({backups}) may approve only in emergency mode, once its deadline has passed."
            : deadline?.Stage == stage.Index
                ? $" Its backup teams ({backups}) may approve once its emergency deadline passes at {StageDeadline.Format(deadline.DueAt)}."
                : $" Its backup teams ({backups}) may approve only once it is waiting and its emergency deadline has passed.";
    }

    private Approval Consult(Actor actor, Communication communication, Category category, DecisionRequest request)
    {
        communication.RequireStatus("Advice can be given only before publication", Communication.NotYetOut);
        if (category.Consult.Count == 0)
        {
            throw new ConflictException($"A {category.Key} consults no team; {communication.Reference} takes approvals, not advice.");
        }
        var team = request.Stage ?? category.Consult.FirstOrDefault(actor.IsInTeam) ?? category.Consult[0];
        if (!category.Consult.Contains(team))
        {
            throw ValidationException.For("stage", $"A {category.Key} consults only: {string.Join(", ", category.Consult)}.");
        }
        if (!actor.IsInTeam(team))
        {
            throw new ForbiddenException($"Only a member of a consulted team may give advice; you are not in team {team}.");
        }
        return NewApproval(actor, communication, null, team, ApprovalKind.Consult, ApprovalDecision.Advice, request.Comment);
    }

    private Approval NewApproval(Actor actor, Communication communication, int? stage, string team, ApprovalKind kind, ApprovalDecision decision, string? comment) => new()
    {
        CommunicationId = communication.Id,
        Stage = stage,
        Team = team,
        Kind = kind,
        Decision = decision,
        ApproverId = actor.UserId,
        Round = communication.ReviewRound,
        RevisionNumber = communication.CurrentRevision,
        ContentHash = communication.CurrentContentHash,
        PackageHash = communication.PackageHash,
        PolicyHash = policy.Hash,
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
        At = time.GetUtcNow(),
    };

    /// <summary>Moves a communication in review to Approved when every applicable stage has approved, or back when one no longer has.</summary>
    private async Task<CommunicationStatus> SettleAsync(Communication communication, Category category, SafeCheck? answers, CancellationToken cancellationToken,
        Approval? added = null)
    {
        var approvals = await db.Approvals.AsNoTracking().Where(a => a.CommunicationId == communication.Id).ToListAsync(cancellationToken);
        if (added is not null)
        {
            approvals.Add(added);
        }
        return communication.Settle(ApprovalProgress.AllApproved(ApprovalProgress.Evaluate(category, policy.Safe, communication, answers, approvals)));
    }

    /// <summary>
    /// Binds the decision about to be taken to <paramref name="package"/>. A review round begun before package hashes
    /// existed, with approvals bound to the text alone, finishes that way; a package that changed unrecorded is settled
    /// first, as any change is.
    /// </summary>
    private async Task RecordPackageAsync(Actor actor, Communication communication, string package, CancellationToken cancellationToken)
    {
        if (communication.PackageHash == package)
        {
            return;
        }
        if (communication.PackageHash is null && (await communications.CountingApprovalsAsync(communication, cancellationToken)).Count > 0)
        {
            return;
        }
        await communications.SettlePackageAsync(actor, communication, "package", cancellationToken, package);
    }

    private async Task<CommunicationView> ChangeAsync(Actor actor, Guid id, Func<Communication, Category, Task> change,
        CancellationToken cancellationToken)
    {
        await WriteAsync(actor, id, change, cancellationToken);
        return await communications.GetAsync(actor, id, cancellationToken);
    }

    private async Task WriteAsync(Actor actor, Guid id, Func<Communication, Category, Task> change, CancellationToken cancellationToken)
    {
        CommunicationService.EnsureCanWrite(actor);
        await writes.RunAsync(async () =>
        {
            var communication = await communications.FindVisibleAsync(actor, id, tracking: true, cancellationToken);
            var before = communication.Status;
            await change(communication, policy.CategoryOf(communication));
            if (communication.Status != before || db.ChangeTracker.HasChanges())
            {
                communication.UpdatedAt = time.GetUtcNow();
            }
        }, cancellationToken);
    }

    private async Task<SafeCheck?> SafeCheckOfAsync(Communication communication, bool tracking, CancellationToken cancellationToken)
    {
        if (!tracking)
        {
            return await reads.AnswersAsync(communication.Id, cancellationToken);
        }
        var query = db.SafeChecks.AsTracking();
        return await query.FirstOrDefaultAsync(s => s.CommunicationId == communication.Id, cancellationToken);
    }

    private async Task<SafeView> SafeViewAsync(Communication communication, Category category, SafeCheck? answers, CancellationToken cancellationToken)
    {
        if (!SafeQuestions.AreRequired(communication))
        {
            return new SafeView(SafeState.NotRequired, [], [], null);
        }
        if (answers is null)
        {
            return new SafeView(SafeState.Missing, [], [], null);
        }
        var people = await communications.PeopleAsync([answers.AnsweredById], cancellationToken);
        return new SafeView(
            SafeState.Answered,
            answers.Flags(),
            [.. SafeQuestions.AddedStages(category, policy.Safe, communication, answers).Select(s => s.Team)],
            new SafeAnswersView(answers.Sensitive, answers.Accurate, answers.Financial, answers.Effect, answers.Notes, people[answers.AnsweredById],
                answers.AnsweredAt, answers.RevisionNumber, answers.ContentHash));
    }

    /// <remarks>Submission already requires the answers; this also holds for work submitted before the SAFE check existed.</remarks>
    private static void RequireSafeAnswers(Communication communication, SafeCheck? answers, string what)
    {
        if (SafeQuestions.AreRequired(communication) && answers is null)
        {
            throw new ConflictException(
                $"A public communication can be {what} only once the SAFE questions are answered; {communication.Reference} has no SAFE answers.");
        }
    }

    private Task<AuditEvent> RecordAsync(Actor actor, Communication communication, string action, object data, CancellationToken cancellationToken) =>
        audit.RecordAsync(actor.Email, action, CommunicationService.Entity(communication.Id), new
        {
            communication.Reference,
            Status = AuditNames.Of(communication.Status),
            Decision = data,
            PolicyHash = policy.Hash,
        }, cancellationToken);

    private Task<AuditEvent> RecordAsync<TEvent>(Actor actor, Communication communication, TEvent recorded, CancellationToken cancellationToken)
        where TEvent : ICommunicationEvent =>
        RecordAsync(actor.Email, communication, recorded, cancellationToken);

    private Task<AuditEvent> RecordAsync<TEvent>(string actorEmail, Communication communication, TEvent recorded, CancellationToken cancellationToken)
        where TEvent : ICommunicationEvent =>
        audit.RecordAsync(actorEmail, communication, recorded, policy.Hash, cancellationToken);

    private static void ValidateReason(string? reason) =>
        new Validation()
            .Require(!string.IsNullOrWhiteSpace(reason), "reason", "reason is required.")
            .MaxLength(reason, WorkflowLimits.Reason, "reason")
            .PlainText(reason, "reason", multiline: true)
            .ThrowIfInvalid();

    private static ApprovalView View(Approval a, Communication communication, Dictionary<Guid, PersonView> people) =>
        new(a.Id, a.Stage, a.Team, a.Kind, a.Decision, people[a.ApproverId], a.RevisionNumber, a.ContentHash, a.PackageHash, a.PolicyHash, a.Comment, a.At,
            a.CountsFor(communication));
}
