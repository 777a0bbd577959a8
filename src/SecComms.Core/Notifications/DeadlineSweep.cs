using Microsoft.EntityFrameworkCore;
using SecComms.Core.Audit;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Policy;
using SecComms.Core.Workflow;

namespace SecComms.Core.Notifications;

/// <summary>
/// Watches the deadline of every waiting approval stage. When a quarter of a stage's time remains it records a reminder;
/// in emergency mode, once the deadline has passed, it records that the stage's backup teams are engaged. Each is
/// recorded once per communication, review round and stage, and the planner turns it into messages.
/// </summary>
/// <remarks>
/// Backup approvers may approve from the moment the deadline passes, whether or not the sweep has run yet: the
/// approval rule reads the same clock. The sweep only makes it known.
/// </remarks>
public sealed class DeadlineSweep(SecCommsDb db, WriteScope writes, AuditTrail audit, SecCommsPolicy policy, TimeProvider time)
{
    private const string SystemActor = "system";

    /// <summary>Records what is due now; returns how many events it recorded.</summary>
    public Task<int> RunAsync(CancellationToken cancellationToken) =>
        writes.RunAsync(async () =>
        {
            var now = time.GetUtcNow();
            var inReview = await db.Communications.AsNoTracking()
                .Where(c => c.Status == CommunicationStatus.InReview && c.SubmittedAt != null)
                .OrderBy(c => c.Number)
                .ToListAsync(cancellationToken);
            var ids = inReview.Select(c => c.Id).ToList();
            var approvals = (await db.Approvals.AsNoTracking().Where(a => ids.Contains(a.CommunicationId)).ToListAsync(cancellationToken))
                .ToLookup(a => a.CommunicationId);
            var answers = await db.SafeChecks.AsNoTracking().Where(s => ids.Contains(s.CommunicationId))
                .ToDictionaryAsync(s => s.CommunicationId, cancellationToken);
            var recorded = 0;
            foreach (var communication in inReview)
            {
                if (policy.FindCategory(communication.Category) is not { } category)
                {
                    continue;
                }
                var stages = ApprovalProgress.Evaluate(category, policy.Safe, communication, answers.GetValueOrDefault(communication.Id), approvals[communication.Id]);
                if (StageDeadline.Of(communication, category, stages) is not { } deadline)
                {
                    continue;
                }
                var stage = stages[deadline.Stage];
                var remind = now >= deadline.RemindAt;
                var engage = deadline.BackupsEngaged(communication, stage.Stage, now);
                if (!remind && !engage)
                {
                    continue;
                }
                var done = await RecordedAsync(communication, cancellationToken);
                if (remind && done.Add((DeadlineReminded.Action, deadline.Stage)))
                {
                    await audit.RecordAsync(SystemActor, communication, Swept<DeadlineReminded>(communication, stage, deadline), policy.Hash, cancellationToken);
                    recorded++;
                }
                if (engage && done.Add((BackupsEngaged.Action, deadline.Stage)))
                {
                    await audit.RecordAsync(SystemActor, communication, Swept<BackupsEngaged>(communication, stage, deadline), policy.Hash, cancellationToken);
                    recorded++;
                }
            }
            return recorded;
        }, cancellationToken);

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
