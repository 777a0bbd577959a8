using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SecComms.Core.Audit;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Identity;
using SecComms.Core.Policy;
using SecComms.Core.Workflow;

namespace SecComms.Core.Notifications;

/// <summary>
/// Reads the audit trail from where it last stopped and queues the notifications each workflow event calls for, then
/// moves the cursor on, in one write scope: two nodes never plan the same events, and every message key is queued once.
/// </summary>
/// <remarks>
/// An event about a stage opening is read against the communication as it stands now, so a stage that was approved
/// before its event was planned asks no one.
/// </remarks>
public sealed partial class NotificationPlanner(
    SecCommsDb db, WriteScope writes, Outbox outbox, CommunicationService communications, SecCommsPolicy policy, IOptions<SiteOptions> site,
    TimeProvider time)
{
    private const int BatchSize = 100;
    private const string EntityPrefix = "communication:";

    /// <summary>On its first run on a database, planning starts with the events of the last day, not the whole history.</summary>
    private static readonly TimeSpan FirstRunLookBack = TimeSpan.FromDays(1);

    private readonly NotificationAudience _audience = new(db, communications);

    /// <summary>Plans every event not yet planned; returns how many events were read.</summary>
    public async Task<int> PlanAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        int read;
        do
        {
            read = await writes.RunAsync(() => PlanBatchAsync(cancellationToken), cancellationToken);
            total += read;
        }
        while (read == BatchSize);
        return total;
    }

    private async Task<int> PlanBatchAsync(CancellationToken cancellationToken)
    {
        var cursor = await db.NotificationCursors.AsTracking().SingleOrDefaultAsync(c => c.Id == NotificationCursor.OnlyId, cancellationToken);
        if (cursor is null)
        {
            var since = time.GetUtcNow() - FirstRunLookBack;
            cursor = new NotificationCursor
            {
                LastSequence = await db.AuditEvents.Where(e => e.At < since).MaxAsync(e => (long?)e.Seq, cancellationToken) ?? 0,
            };
            db.NotificationCursors.Add(cursor);
        }
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.Seq > cursor.LastSequence).OrderBy(e => e.Seq).Take(BatchSize)
            .ToListAsync(cancellationToken);
        foreach (var e in events)
        {
            await PlanAsync(e, cancellationToken);
        }
        if (events.Count > 0)
        {
            cursor.LastSequence = events[^1].Seq;
        }
        return events.Count;
    }

    private async Task PlanAsync(AuditEvent e, CancellationToken cancellationToken)
    {
        if (e.Entity.StartsWith(IncidentPrefix, StringComparison.Ordinal))
        {
            await PlanIncidentAsync(e, cancellationToken);
            return;
        }
        if (!e.Entity.StartsWith(EntityPrefix, StringComparison.Ordinal) || !Guid.TryParse(e.Entity.AsSpan(EntityPrefix.Length), out var id)
            || CommunicationEvents.Read(e) is not { } happened)
        {
            return;
        }
        var communication = await db.Communications.AsNoTracking().Include(c => c.Participants).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (communication is null || policy.FindCategory(communication.Category) is not { } category)
        {
            return;
        }
        var messages = new NotificationMessages(communication, category, site.Value.Link($"/communications/{communication.Id}"));
        var about = new Event(e, communication, category, messages);
        await (happened switch
        {
            Submitted or StageApproved or SafeAnswered or CustomersAffectedChanged => StageOpenedAsync(about, cancellationToken),
            DeadlineReminded reminded => ReminderAsync(about, reminded, cancellationToken),
            BackupsEngaged engaged => BackupsAsync(about, engaged, cancellationToken),
            ApprovalsReset reset => ApprovalsResetAsync(about, reset, cancellationToken),
            StageRejected rejected => RejectedAsync(about, rejected, cancellationToken),
            Published => PublishedAsync(about, cancellationToken),
            _ => Task.CompletedTask,
        });
    }

    /// <summary>Asks the team of the stage waiting now, once per stage and review round.</summary>
    private async Task StageOpenedAsync(Event e, CancellationToken cancellationToken)
    {
        if (await WaitingAsync(e, cancellationToken) is not { } waiting)
        {
            return;
        }
        var text = e.Messages.StageOpen(waiting.Stage, waiting.Deadline);
        foreach (var user in await ApproversAsync(e, waiting, [waiting.Stage.Stage.Team], cancellationToken))
        {
            await EnqueueAsync($"stage-open:{e.Communication.Id}:{e.Communication.ReviewRound}:{waiting.Stage.Index}:{user.Id}", user, text, cancellationToken);
        }
    }

    private async Task ReminderAsync(Event e, DeadlineReminded reminded, CancellationToken cancellationToken)
    {
        if (await WaitingAsync(e, cancellationToken) is not { Deadline: { } deadline } waiting || !IsFor(e, reminded, waiting))
        {
            return;
        }
        var text = e.Messages.Reminder(waiting.Stage, deadline);
        foreach (var user in await ApproversAsync(e, waiting, [waiting.Stage.Stage.Team], cancellationToken))
        {
            await EnqueueAsync($"reminder:{e.Communication.Id}:{e.Communication.ReviewRound}:{waiting.Stage.Index}:{user.Id}", user, text, cancellationToken);
        }
    }

    private async Task BackupsAsync(Event e, BackupsEngaged engaged, CancellationToken cancellationToken)
    {
        if (await WaitingAsync(e, cancellationToken) is not { Deadline: { } deadline } waiting || !IsFor(e, engaged, waiting))
        {
            return;
        }
        var backups = waiting.Stage.Stage.Backup;
        foreach (var user in await ApproversAsync(e, waiting, backups, cancellationToken))
        {
            var text = e.Messages.BackupsEngaged(waiting.Stage, deadline, backups.Where(t => user.Teams.Any(m => m.Team == t)), engaged.TeamUnstaffed);
            await EnqueueAsync($"backups:{e.Communication.Id}:{e.Communication.ReviewRound}:{waiting.Stage.Index}:{user.Id}", user, text, cancellationToken);
        }
    }

    /// <summary>Tells each approver whose approval an edit reset, unless the communication is final by now.</summary>
    private async Task ApprovalsResetAsync(Event e, ApprovalsReset reset, CancellationToken cancellationToken)
    {
        if (e.Communication.IsOut)
        {
            return;
        }
        foreach (var user in await _audience.ByEmailAsync(e.Communication, reset.Approvers.Select(r => r.Email), cancellationToken))
        {
            if (IsActor(e, user))
            {
                continue;
            }
            var approval = reset.Approvers.First(r => User.Normalize(r.Email) == user.NormalizedEmail);
            await EnqueueAsync($"approval-reset:{e.Audit.Seq}:{user.Id}", user,
                e.Messages.ApprovalReset(e.Audit.Actor, approval.Stage ?? 0, approval.Team, approval.Revision, reset.Change), cancellationToken);
        }
    }

    /// <summary>Tells the authors, while the communication is still the returned draft.</summary>
    private async Task RejectedAsync(Event e, StageRejected rejected, CancellationToken cancellationToken)
    {
        if (e.Communication.Status != CommunicationStatus.Draft)
        {
            return;
        }
        var text = e.Messages.Rejected(e.Audit.Actor, rejected.Stage, rejected.Team);
        foreach (var user in await _audience.UsersAsync(e.Communication, await _audience.AuthorsAsync(e.Communication, cancellationToken), cancellationToken))
        {
            if (!IsActor(e, user))
            {
                await EnqueueAsync($"rejected:{e.Audit.Seq}:{user.Id}", user, text, cancellationToken);
            }
        }
    }

    /// <summary>Tells the category's FYI teams and the authors.</summary>
    private async Task PublishedAsync(Event e, CancellationToken cancellationToken)
    {
        var authors = await _audience.UsersAsync(e.Communication, await _audience.AuthorsAsync(e.Communication, cancellationToken), cancellationToken);
        var fyi = await _audience.TeamMembersAsync(e.Communication, e.Category.Fyi, cancellationToken);
        foreach (var user in authors.Concat(fyi.Where(f => authors.All(a => a.Id != f.Id))))
        {
            if (!IsActor(e, user))
            {
                await EnqueueAsync($"published:{e.Communication.Id}:{user.Id}", user, e.Messages.Published(fyi: authors.All(a => a.Id != user.Id)), cancellationToken);
            }
        }
    }

    private async Task<Waiting?> WaitingAsync(Event e, CancellationToken cancellationToken)
    {
        if (e.Communication.Status != CommunicationStatus.InReview)
        {
            return null;
        }
        var approvals = await db.Approvals.AsNoTracking().Where(a => a.CommunicationId == e.Communication.Id).ToListAsync(cancellationToken);
        var answers = await db.SafeChecks.AsNoTracking().FirstOrDefaultAsync(s => s.CommunicationId == e.Communication.Id, cancellationToken);
        var stages = ApprovalProgress.Evaluate(e.Category, policy.Safe, e.Communication, answers, approvals);
        return ApprovalProgress.Waiting(stages) is { } waiting
            ? new Waiting(waiting, stages, StageDeadline.Of(e.Communication, e.Category, stages))
            : null;
    }

    /// <summary>
    /// The members of <paramref name="teams"/> who could approve the waiting stage: not viewers, never an author of the
    /// text, and not someone who already filled another stage when one person may fill only one.
    /// </summary>
    private async Task<IEnumerable<User>> ApproversAsync(Event e, Waiting waiting, IEnumerable<string> teams, CancellationToken cancellationToken)
    {
        var authors = await _audience.AuthorsAsync(e.Communication, cancellationToken);
        HashSet<Guid> filled = e.Category.OnePersonMayFillSeveralStages ? [] : [.. waiting.Stages.Select(s => s.Approval?.ApproverId).OfType<Guid>()];
        return (await _audience.TeamMembersAsync(e.Communication, teams, cancellationToken))
            .Where(u => u.Role != UserRole.Viewer && !authors.Contains(u.Id) && !filled.Contains(u.Id));
    }

    /// <summary>Whether a sweep event is about the round and stage still waiting.</summary>
    private static bool IsFor(Event e, StageDeadlineEvent swept, Waiting waiting) =>
        swept.Round == e.Communication.ReviewRound && swept.Stage == waiting.Stage.Index;

    /// <summary>No one is told what they did themselves.</summary>
    private static bool IsActor(Event e, User user) => User.Normalize(e.Audit.Actor) == user.NormalizedEmail;

    private Task<bool> EnqueueAsync(string key, User user, NotificationText text, CancellationToken cancellationToken) =>
        outbox.EnqueueAsync(key, user.Email, text.Subject, text.Body, cancellationToken);

    private sealed record Event(AuditEvent Audit, Communication Communication, Category Category, NotificationMessages Messages);

    private sealed record Waiting(StageProgress Stage, IReadOnlyList<StageProgress> Stages, StageDeadline? Deadline);
}
