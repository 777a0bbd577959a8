using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SecComms.Core.Audit;
using SecComms.Core.Data;
using SecComms.Core.Policy;

namespace SecComms.Core.Exceptions;

public sealed record SweepFailure(string Reference, Exception Error);

/// <param name="Expired">The exceptions marked expired.</param>
/// <param name="Reminded">The exceptions whose requester and approvers were reminded of the coming expiry.</param>
/// <param name="Failures">The exceptions that could not be handled this time; the next sweep tries again.</param>
public sealed record SweepResult(IReadOnlyList<string> Expired, IReadOnlyList<string> Reminded, IReadOnlyList<SweepFailure> Failures);

/// <summary>
/// Marks approved exceptions whose period has ended as expired, and reminds the requester and the approvers as the end
/// comes near, once for each of the policy's reminder day counts.
/// </summary>
/// <remarks>
/// Each exception is handled in its own write scope, so one that fails does not hold up the others, and a second run (on
/// any node, at any time) does nothing the first already did: the audit trail records which reminders went out. Day
/// counts that two sweeps cross at once go out as one reminder, and none goes out for a day count no shorter than the
/// period granted: the approval itself said when the exception ends.
/// </remarks>
public sealed class ExceptionSweep(SecCommsDb db, WriteScope writes, AuditTrail audit, SecCommsPolicy policy, ExceptionNotices notices, TimeProvider time)
{
    /// <summary>The audit actor of the sweep's own changes.</summary>
    public const string SystemActor = "system";

    private const string ReminderSent = "exception.reminder-sent";

    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var horizon = time.GetUtcNow().AddDays(policy.Exceptions.ReminderDaysBeforeExpiry.DefaultIfEmpty(0).Max());
        var due = await db.PolicyExceptions.AsNoTracking()
            .Where(e => e.Status == ExceptionStatus.Approved && e.ExpiresAt <= horizon)
            .OrderBy(e => e.Number)
            .Select(e => new { e.Id, e.Number })
            .ToListAsync(cancellationToken);
        var expired = new List<string>();
        var reminded = new List<string>();
        var failures = new List<SweepFailure>();
        foreach (var entry in due)
        {
            var reference = $"EX-{entry.Number}";
            try
            {
                switch (await SweepAsync(entry.Id, cancellationToken))
                {
                    case Outcome.Expired:
                        expired.Add(reference);
                        break;
                    case Outcome.Reminded:
                        reminded.Add(reference);
                        break;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures.Add(new SweepFailure(reference, e));
            }
        }
        return new SweepResult(expired, reminded, failures);
    }

    private Task<Outcome> SweepAsync(Guid id, CancellationToken cancellationToken) =>
        writes.RunAsync(async () =>
        {
            var entry = await db.PolicyExceptions.AsTracking().FirstAsync(e => e.Id == id, cancellationToken);
            var now = time.GetUtcNow();
            if (entry.Status != ExceptionStatus.Approved || entry.ExpiresAt is not { } expires)
            {
                return Outcome.None;
            }
            if (!entry.IsInForce(now))
            {
                entry.Status = ExceptionStatus.Expired;
                entry.UpdatedAt = now;
                await RecordAsync("exception.expired", entry, new { ExpiredAt = expires }, cancellationToken);
                await notices.ExpiredAsync(entry, cancellationToken);
                return Outcome.Expired;
            }
            var due = policy.Exceptions.ReminderDaysBeforeExpiry
                .Where(days => days < entry.PeriodDays && expires - now <= TimeSpan.FromDays(days))
                .Except(await RemindedAsync(id, cancellationToken))
                .OrderDescending()
                .ToList();
            if (due.Count == 0)
            {
                return Outcome.None;
            }
            await RecordAsync(ReminderSent, entry, new { DaysBeforeExpiry = due, ExpiresAt = expires }, cancellationToken);
            await notices.ReminderAsync(entry, due.Min(), cancellationToken);
            return Outcome.Reminded;
        }, cancellationToken);

    /// <summary>The reminder day counts already covered for the exception, as its audit events record them.</summary>
    private async Task<HashSet<int>> RemindedAsync(Guid id, CancellationToken cancellationToken)
    {
        var entity = ExceptionRegister.Entity(id);
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.Entity == entity && e.Action == ReminderSent).Select(e => e.Data).ToListAsync(cancellationToken);
        var days = new HashSet<int>();
        foreach (var data in events)
        {
            using var document = JsonDocument.Parse(data);
            days.UnionWith(document.RootElement.GetProperty("details").GetProperty("daysBeforeExpiry").EnumerateArray().Select(d => d.GetInt32()));
        }
        return days;
    }

    private Task<AuditEvent> RecordAsync(string action, PolicyExceptionEntry entry, object details, CancellationToken cancellationToken) =>
        audit.RecordAsync(SystemActor, action, ExceptionRegister.Entity(entry.Id), ExceptionRegister.AuditData(entry, details, policy), cancellationToken);

    private enum Outcome
    {
        None,
        Expired,
        Reminded,
    }
}
