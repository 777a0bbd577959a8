using Microsoft.EntityFrameworkCore;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Disclosure;
using SecComms.Core.Distribution;
using SecComms.Core.Errors;
using SecComms.Core.Incidents;
using SecComms.Core.Policy;
using SecComms.Core.Releases;

namespace SecComms.Core.Workflow;

/// <summary>A communication measured against everything it needs before it goes out.</summary>
/// <param name="Approvals">Every decision taken on it, in any round.</param>
/// <param name="Stages">Each approval stage and where it stands.</param>
/// <param name="Answers">The SAFE answers, if given.</param>
/// <param name="Gates">The disclosure gates at the time it would go out, with the exception that would pass closed ones.</param>
/// <param name="Outstanding">Every requirement not yet met, in the order people settle them; empty when it may go out.</param>
/// <param name="Ready">Approved or scheduled, and nothing outstanding: publishing succeeds exactly then.</param>
/// <param name="OnlyGatesClosed">Approved, and nothing outstanding but closed gates, which an approved exception may pass.</param>
public sealed record ReadinessReport(
    IReadOnlyList<Approval> Approvals,
    IReadOnlyList<StageProgress> Stages,
    SafeCheck? Answers,
    GateStatus Gates,
    IReadOnlyList<string> Outstanding,
    bool Ready,
    bool OnlyGatesClosed);

/// <summary>
/// The one evaluation of whether a communication may go out: its status, SAFE answers, approval stages, disclosure gates,
/// consistency with its release, an incident message's variants, text beyond the category's template and an email audience
/// that reaches someone. Publishing, scheduling, the scheduled publication, the requirements view, the pages and the CLI all ask it.
/// </summary>
public sealed class Readiness(
    SecCommsDb db, SecCommsPolicy policy, DisclosureGates gates, ReleaseConsistency consistency, DispatchPlanner dispatches, CommunicationReads reads,
    TimeProvider time)
{
    /// <param name="communication">The communication, as it stands.</param>
    /// <param name="at">When it would go out, which the gates are checked at: by default its scheduled time when scheduled, else now.</param>
    /// <param name="exceptionId">The policy exception to pass closed gates with; by default the one its schedule relies on.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <param name="withRelease">It would go out as its release is published: <c>fix-released</c> opens at that moment.</param>
    public async Task<ReadinessReport> EvaluateAsync(Communication communication, DateTimeOffset? at, Guid? exceptionId, CancellationToken cancellationToken,
        bool withRelease = false)
    {
        var category = policy.CategoryOf(communication);
        var approvals = await reads.ApprovalsAsync(communication.Id, cancellationToken);
        var answers = await reads.AnswersAsync(communication.Id, cancellationToken);
        var stages = ApprovalProgress.Evaluate(category, policy.Safe, communication, answers, approvals);
        var when = at ?? (communication.Status == CommunicationStatus.Scheduled && communication.ScheduledAt is { } scheduled ? scheduled : time.GetUtcNow());
        var gateStatus = await GatesAsync(communication, category, when, exceptionId ?? communication.GateExceptionId, withRelease, cancellationToken);
        var outstanding = new List<string>();
        var others = new List<string>();
        switch (communication.Status)
        {
            case CommunicationStatus.Published or CommunicationStatus.Withdrawn or CommunicationStatus.NoPublicNotification:
                return new ReadinessReport(approvals, stages, answers, gateStatus,
                    [$"{communication.Reference} is {CommunicationService.Describe(communication.Status)}: nothing more can happen to it."], false, false);
            case CommunicationStatus.Draft:
                others.Add($"{communication.Reference} is a draft: submit it for review.");
                break;
        }
        if (SafeQuestions.AreRequired(communication) && answers is null)
        {
            others.Add($"Answers to the SAFE questions (sensitive, accurate, financial, effect) by an author or a member of the owner team ({category.Owner}).");
        }
        others.AddRange(stages.Where(s => s.State is StageState.Waiting or StageState.NotYetOpen)
            .Select(s => $"Approval by {s.Stage.Team} (stage {s.Index + 1}{(s.Stage.Purpose is null ? "" : $": {s.Stage.Purpose}")}) of revision {communication.CurrentRevision}."));
        outstanding.AddRange(others);
        var closedGates = gateStatus.Open ? [] : gateStatus.Gates.Where(g => !g.Passed).Select(g => $"Gate {g.Gate}: {g.Detail}").ToList();
        outstanding.AddRange(closedGates);
        var rest = new List<string>();
        if (communication.ReleaseId is { } releaseId && communication.ReleasePart is not null)
        {
            rest.AddRange((await consistency.CheckAsync(releaseId, cancellationToken))
                .Where(f => f.Communication is null || f.Communication == communication.Reference).Select(f => $"Consistency: {f.Message}"));
        }
        var revision = await reads.CurrentRevisionAsync(communication, cancellationToken);
        if (communication.IncidentId is not null)
        {
            rest.AddRange(IncidentMessages.MissingVariants(communication, revision.Content, policy.Incidents)
                .Select(v => $"An external message about an incident needs {v}."));
        }
        var emailed = communication.AudienceSegmentId is not null || communication.AudienceAffectedCustomers;
        rest.AddRange(TemplateOnly.Unwritten(category, communication, revision.Content, emailed)
            .Select(v => $"Text of its own: the {v} holds only the lines of the {category.Name} template; write what its readers need to know."));
        rest.AddRange(await AudienceGapsAsync(communication, category, revision, cancellationToken));
        outstanding.AddRange(rest);
        var approved = communication.Status is CommunicationStatus.Approved or CommunicationStatus.Scheduled;
        return new ReadinessReport(approvals, stages, answers, gateStatus, outstanding,
            approved && outstanding.Count == 0, approved && others.Count == 0 && rest.Count == 0 && closedGates.Count > 0);
    }

    /// <summary>Refuses, naming everything outstanding, unless the communication may go out at <paramref name="at"/>.</summary>
    /// <remarks>Closed gates alone are left to <see cref="DisclosureGates.PassAsync"/>, which says what an exception must cover.</remarks>
    internal async Task<ReadinessReport> RequireAsync(Communication communication, DateTimeOffset at, Guid? exceptionId, string what,
        CancellationToken cancellationToken, bool withRelease = false)
    {
        var report = await EvaluateAsync(communication, at, exceptionId, cancellationToken, withRelease);
        if (!report.Ready && !report.OnlyGatesClosed)
        {
            throw new ConflictException($"{communication.Reference} cannot be {what} yet: {string.Join(" ", report.Outstanding)}");
        }
        return report;
    }

    private async Task<GateStatus> GatesAsync(Communication communication, Category category, DateTimeOffset at, Guid? exceptionId, bool withRelease,
        CancellationToken cancellationToken)
    {
        var results = await gates.EvaluateAsync(communication, category, at, cancellationToken, withRelease);
        var exception = exceptionId is { } id ? await reads.ExceptionAsync(id, cancellationToken) : null;
        var covered = exception is { Status: Exceptions.ExceptionStatus.Approved } && exception.CommunicationId == communication.Id && exception.IsInForce(at)
            && results.Where(g => !g.Passed).All(g => exception.Gates.Contains(g.Gate));
        return new GateStatus(results, exception, results.All(g => g.Passed) || covered);
    }

    /// <summary>
    /// An email audience must still resolve, and reach someone with a subject and a body to send; one that goes out only by
    /// email needs an audience, or the recorded choice to send it to no one.
    /// </summary>
    private async Task<IReadOnlyList<string>> AudienceGapsAsync(Communication communication, Category category, Revision revision,
        CancellationToken cancellationToken)
    {
        AudienceFilter? filter;
        try
        {
            filter = await dispatches.AudienceOfAsync(communication, cancellationToken);
        }
        catch (ConflictException unresolved)
        {
            return [unresolved.Message];
        }
        if (filter is null)
        {
            return OnlyEmailed(category) && communication.AudienceNoRecipientsReason is null
                ? [$"An email audience: {communication.Reference} goes out only by email; choose who it goes to, or record that it goes to no one and why."]
                : [];
        }
        var gaps = new List<string>();
        if (revision.EmailSubject.Length == 0 || revision.EmailBody.Trim().Length == 0)
        {
            gaps.Add($"An email subject and body: {communication.Reference} is to be emailed to {filter.Description}.");
        }
        if ((await filter.CountsAsync(db, reads, cancellationToken)).Contacts == 0)
        {
            gaps.Add($"An email audience that reaches someone: {filter.Description} reaches no one now.");
        }
        return gaps;
    }

    private static bool OnlyEmailed(Category category) => category.Channels.Contains(Channels.Email) && !category.Channels.Contains(Channels.Web);
}
