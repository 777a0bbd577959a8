using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SecComms.Core.Audit;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Policy;
using SecComms.Core.Workflow;

namespace SecComms.Core.Notifications;

/// <summary>
/// Watches the deadline of every waiting approval stage. When a quarter of a stage's time remains it records a reminder;
/// in emergency mode, once the deadline has passed, or as soon as no one in the stage's team may approve any more, it
/// records that the stage's backup teams are engaged. Each is
/// recorded once per communication, review round and stage, and the planner turns it into messages.
/// </summary>
/// <remarks>
/// Backup approvers may approve from the moment the deadline passes, whether or not the sweep has run yet: the
/// approval rule reads the same clock. The sweep only makes it known. It finds what is due without the writer lock, then
/// records each communication in a write scope of its own, checked again there: people's changes wait for one short
/// write at most, never for the whole sweep, and a communication that cannot be recorded is logged and tried again on
/// the next sweep without undoing the others.
/// </remarks>
public sealed class DeadlineSweep(
    SecCommsDb db, WriteScope writes, AuditTrail audit, SecCommsPolicy policy, TeamStaffing staffing, TimeProvider time, ILogger<DeadlineSweep> logger)
{
    private const string SystemActor = "system";

    /// <summary>Records what is due now; returns how many events it recorded.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var due = (await InReviewAsync(null, cancellationToken)).Where(d => d.Remind || d.Engage).Select(d => (d.Communication.Id, d.Communication.Reference)).ToList();
        var recorded = 0;
        foreach (var (id, reference) in due)
        {
            try
            {
                recorded += await writes.RunAsync(() => RecordAsync(id, cancellationToken), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not record the approval deadline of {Reference}; the next sweep tries again.", reference);
            }
        }
        return recorded;
    }

    private async Task<int> RecordAsync(Guid id, CancellationToken cancellationToken)
    {
        var recorded = 0;
        foreach (var (communication, stage, deadline, remind, engage, unstaffed) in await InReviewAsync(id, cancellationToken))
        {
            var done = await RecordedAsync(communication, cancellationToken);
            if (remind && done.Add((DeadlineReminded.Action, deadline.Stage)))
            {
                await audit.RecordAsync(SystemActor, communication, Swept<DeadlineReminded>(communication, stage, deadline), policy.Hash, cancellationToken);
                recorded++;
            }
            if (engage && done.Add((BackupsEngaged.Action, deadline.Stage)))
            {
                await audit.RecordAsync(SystemActor, communication, Swept<BackupsEngaged>(communication, stage, deadline) with { TeamUnstaffed = unstaffed }, policy.Hash,
                    cancellationToken);
                recorded++;
            }
        }
        return recorded;
    }

    private sealed record Due(Communication Communication, StageProgress Stage, StageDeadline Deadline, bool Remind, bool Engage, bool Unstaffed);

    /// <summary>The waiting stage of each in-review communication with a deadline (only <paramref name="id"/>'s, if given), as of now.</summary>
    private async Task<List<Due>> InReviewAsync(Guid? id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var query = db.Communications.AsNoTracking().Where(c => c.Status == CommunicationStatus.InReview && c.SubmittedAt != null);
        if (id is { } only)
        {
            query = query.Where(c => c.Id == only);
        }
        var inReview = await query.OrderBy(c => c.Number).ToListAsync(cancellationToken);
        var ids = inReview.Select(c => c.Id).ToList();
        var approvals = (await db.Approvals.AsNoTracking().Where(a => ids.Contains(a.CommunicationId)).ToListAsync(cancellationToken))
            .ToLookup(a => a.CommunicationId);
        var answers = await db.SafeChecks.AsNoTracking().Where(s => ids.Contains(s.CommunicationId))
            .ToDictionaryAsync(s => s.CommunicationId, cancellationToken);
        var waiting = new List<(Communication Communication, StageProgress Stage, StageDeadline Deadline)>();
        foreach (var communication in inReview)
        {
            if (policy.FindCategory(communication.Category) is not { } category)
            {
                continue;
            }
            var stages = ApprovalProgress.Evaluate(category, policy.Safe, communication, answers.GetValueOrDefault(communication.Id), approvals[communication.Id]);
            if (StageDeadline.Of(communication, category, stages) is { } deadline)
            {
                waiting.Add((communication, stages[deadline.Stage], deadline));
            }
        }
        var unstaffed = await staffing.UnstaffedAsync(waiting.Where(w => w.Stage.Stage.Backup.Count > 0).Select(w => w.Stage.Stage.Team), cancellationToken);
        return [.. waiting.Select(w =>
        {
            var alone = unstaffed.Contains(w.Stage.Stage.Team);
            return new Due(w.Communication, w.Stage, w.Deadline, now >= w.Deadline.RemindAt, w.Deadline.BackupsEngaged(w.Communication, w.Stage.Stage, now, alone), alone);
        })];
    }

    /// <summary>The (action, stage) pairs already recorded for the communication's current review round.</summary>
    private async Task<HashSet<(string Action, int Stage)>> RecordedAsync(Communication communication, CancellationToken cancellationToken)
    {
        var entity = CommunicationService.Entity(communication.Id);
        var events = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Entity == entity && (e.Action == DeadlineReminded.Action || e.Action == BackupsEngaged.Action))
            .ToListAsync(cancellationToken);
        return [.. events.Select(e => (e.Action, Swept: (StageDeadlineEvent?)CommunicationEvents.Read<DeadlineReminded>(e) ?? CommunicationEvents.Read<BackupsEngaged>(e)))
            .Where(e => e.Swept?.Round == communication.ReviewRound)
            .Select(e => (e.Action, e.Swept!.Stage))];
    }

    private static TEvent Swept<TEvent>(Communication communication, StageProgress stage, StageDeadline deadline) where TEvent : StageDeadlineEvent, new() => new()
    {
        Round = communication.ReviewRound,
        Stage = stage.Index,
        Team = stage.Stage.Team,
        Emergency = communication.Emergency,
        Deadline = Durations.Format(deadline.Allowed),
        OpenedAt = deadline.OpenedAt,
        DueAt = deadline.DueAt,
        Backup = stage.Stage.Backup,
    };
}
