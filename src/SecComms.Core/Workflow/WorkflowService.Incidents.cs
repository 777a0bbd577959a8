using Microsoft.EntityFrameworkCore;
using SecComms.Core.Communications;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Incidents;
using SecComms.Core.Policy;

namespace SecComms.Core.Workflow;

/// <remarks>
/// <para><c>Available</c>: Whether it may be invoked now.</para>
/// <para><c>Why</c>: Why it is or is not available, in words.</para>
/// <para><c>Teams</c>: The required minimum: the approving teams that must still approve.</para>
/// <para><c>Waived</c>: The stages it waives, or waived if it was invoked in this review round.</para>
/// <para><c>Deadline</c>: The nearest unmet clock of the incident the communication is about.</para>
/// <para><c>AvailableFrom</c>: From when it may be invoked: that clock's due time less the policy's window.</para>
/// </remarks>
public sealed record QuorumFallbackView(bool Available, bool Invoked, string Why, IReadOnlyList<string> Teams, IReadOnlyList<string> Waived,
    string? Deadline, DateTimeOffset? DueAt, DateTimeOffset? AvailableFrom);

/// <summary>The incident side of the workflow: required variants of incident messages, and the quorum fallback.</summary>
public sealed partial class WorkflowService
{
    /// <summary>Where the quorum fallback of a communication about an incident stands.</summary>
    public async Task<QuorumFallbackView> QuorumFallbackAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        var communication = await communications.FindVisibleAsync(actor, id, tracking: false, cancellationToken);
        return await FallbackViewAsync(communication, cancellationToken);
    }

    /// <summary>
    /// Waives the approval stages outside the policy's required minimum for this review round, because the send
    /// deadline is near. Only explicitly, by the security team, with a reason, and audited.
    /// </summary>
    public async Task<QuorumFallbackView> InvokeQuorumFallbackAsync(Actor actor, Guid id, QuorumFallbackRequest request, CancellationToken cancellationToken)
    {
        var reason = request.Reason?.Trim();
        new Validation()
            .Require(!string.IsNullOrEmpty(reason), "reason", "reason is required: why the message cannot wait for every approving team.")
            .MaxLength(reason, WorkflowLimits.Reason, "reason")
            .PlainText(reason, "reason", multiline: true)
            .ThrowIfInvalid();
        if (!actor.IsInTeam(Actor.SecurityTeam))
        {
            throw new ForbiddenException($"Only the {Actor.SecurityTeam} team invokes the quorum fallback; you are not in team {Actor.SecurityTeam}.");
        }
        await WriteAsync(actor, id, async (communication, category) =>
        {
            var view = await FallbackViewAsync(communication, cancellationToken);
            if (!view.Available)
            {
                throw new ConflictException(view.Why);
            }
            communication.FallbackRound = communication.ReviewRound;
            communication.WaivedTeams = [.. view.Waived];
            var answers = await SafeCheckOfAsync(communication, tracking: false, cancellationToken);
            var status = await SettleAsync(communication, category, answers, cancellationToken);
            await RecordAsync(actor, communication, "communication.quorum-fallback", new
            {
                Round = communication.ReviewRound,
                Reason = reason,
                Required = view.Teams,
                Waived = view.Waived,
                view.Deadline,
                view.DueAt,
                Status = AuditNames.Of(status),
            }, cancellationToken);
        }, cancellationToken);
        return await QuorumFallbackAsync(actor, id, cancellationToken);
    }

    private async Task<QuorumFallbackView> FallbackViewAsync(Communication communication, CancellationToken cancellationToken)
    {
        var rule = policy.Incidents.QuorumFallback;
        var invoked = communication.FallbackRound is { } round && round == communication.ReviewRound;
        if (rule is null)
        {
            return new QuorumFallbackView(false, invoked, "The policy in force allows no quorum fallback.", [], [], null, null, null);
        }
        if (communication.IncidentId is not { } incidentId)
        {
            return new QuorumFallbackView(false, invoked, $"The quorum fallback is only for messages about an incident; {communication.Reference} is linked to none.",
                rule.Teams, [], null, null, null);
        }
        var category = policy.CategoryOf(communication);
        var approvals = await reads.ApprovalsAsync(communication.Id, cancellationToken);
        var answers = await SafeCheckOfAsync(communication, tracking: false, cancellationToken);
        var stages = ApprovalProgress.Evaluate(category, policy.Safe, communication, answers, approvals);
        var waivable = stages.Where(s => s.State is StageState.Waiting or StageState.NotYetOpen && !rule.Teams.Contains(s.Stage.Team))
            .Select(s => s.Stage.Team).ToList();
        var nearest = await reads.NearestClockAsync(incidentId, cancellationToken);
        var from = nearest?.DueAt - rule.Within;
        var now = time.GetUtcNow();
        string? why = invoked ? $"Invoked in review round {communication.ReviewRound}; waived: {string.Join(", ", communication.WaivedTeams)}."
            : communication.Status != CommunicationStatus.InReview ? $"{communication.Reference} is {CommunicationService.Describe(communication.Status)}; the fallback is for a message in review."
            : nearest is null ? "The incident has no unmet clock, so no send deadline is near."
            : now < from ? $"Available from {StageDeadline.Format(from.Value)}, {Durations.Format(rule.Within)} before {nearest.Name} is due at {StageDeadline.Format(nearest.DueAt)}."
            : waivable.Count == 0 ? "Only the required minimum is still waiting; nothing would be waived."
            : null;
        return new QuorumFallbackView(why is null, invoked,
            why ?? $"{nearest!.Name} is due at {StageDeadline.Format(nearest.DueAt)}: the stages of {string.Join(", ", waivable)} may be waived; {string.Join(", ", rule.Teams)} must still approve.",
            rule.Teams, invoked ? communication.WaivedTeams : waivable, nearest?.Name, nearest?.DueAt, from);
    }

    private async Task RequireIncidentVariantsAsync(Communication communication, string what, CancellationToken cancellationToken)
    {
        var missing = await MissingIncidentVariantsAsync(communication, cancellationToken);
        if (missing.Count > 0)
        {
            throw new ConflictException(
                $"Every external message about an incident comes with a Support FAQ and a social statement; {communication.Reference} can be {what} only once it has {string.Join(" and ", missing)}.");
        }
    }

    private async Task<IReadOnlyList<string>> MissingIncidentVariantsAsync(Communication communication, CancellationToken cancellationToken)
    {
        if (communication.IncidentId is null)
        {
            return [];
        }
        var revision = await db.Revisions.AsNoTracking()
            .SingleAsync(r => r.CommunicationId == communication.Id && r.Number == communication.CurrentRevision, cancellationToken);
        return IncidentMessages.MissingVariants(communication, revision.Content, policy.Incidents);
    }
}
