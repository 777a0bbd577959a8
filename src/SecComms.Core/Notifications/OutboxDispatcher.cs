using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecComms.Core.Data;
using SecComms.Core.Mail;

namespace SecComms.Core.Notifications;

/// <summary>How one run of the dispatcher went.</summary>
/// <param name="Sent">Messages handed over.</param>
/// <param name="Failed">Messages that failed and will be tried again.</param>
/// <param name="GivenUp">Messages that failed for the last time; they stay in the outbox with their last error.</param>
public sealed record DispatchResult(int Sent, int Failed, int GivenUp)
{
    public int Attempted => Sent + Failed + GivenUp;
}

/// <summary>
/// Sends the notifications that are due: claims a batch, hands it to the mail sender, and records each outcome. A failed
/// message waits longer after each failure (doubling, up to a cap) and is given up after the configured number of attempts.
/// </summary>
/// <remarks>
/// A batch is claimed inside a write scope by moving its next attempt a lease into the future, so another node never
/// takes the same rows; should this node stop before recording the outcomes, the lease runs out and the rows are sent
/// again (the Message-ID stays the same, so a receiver can tell).
/// </remarks>
public sealed class OutboxDispatcher(
    SecCommsDb db, WriteScope writes, IMailSender sender, IOptions<NotificationOptions> options, IOptions<MailOptions> mail, TimeProvider time,
    ILogger<OutboxDispatcher> logger)
{
    /// <summary>Long enough for a batch to be sent even when every message waits out the mail timeout.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(15);

    private const int MaxErrorLength = 2000;

    /// <summary>Sends one batch of due messages.</summary>
    public async Task<DispatchResult> SendDueAsync(CancellationToken cancellationToken)
    {
        var claimed = await ClaimAsync(cancellationToken);
        if (claimed.Count == 0)
        {
            return new DispatchResult(0, 0, 0);
        }
        var outcomes = new Dictionary<Guid, string?>();
        try
        {
            await using var session = await sender.OpenAsync(cancellationToken);
            foreach (var notification in claimed)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
                try
                {
                    await session.SendAsync(Mail(notification, mail.Value), cancellationToken);
                    outcomes[notification.Id] = null;
                }
                catch (MailException e)
                {
                    outcomes[notification.Id] = e.Message;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
            }
        }
        catch (MailException e)
        {
            foreach (var notification in claimed.Where(n => !outcomes.ContainsKey(n.Id)))
            {
                outcomes[notification.Id] = e.Message;
            }
        }
        // Outcomes are recorded even while stopping: a message already sent must not be sent again.
        return await RecordAsync(outcomes, CancellationToken.None);
    }

    /// <summary>Sends batches until nothing is due.</summary>
    public async Task<DispatchResult> SendAllDueAsync(CancellationToken cancellationToken)
    {
        var total = new DispatchResult(0, 0, 0);
        DispatchResult batch;
        do
        {
            batch = await SendDueAsync(cancellationToken);
            total = new DispatchResult(total.Sent + batch.Sent, total.Failed + batch.Failed, total.GivenUp + batch.GivenUp);
        }
        while (batch.Attempted >= options.Value.BatchSize && !cancellationToken.IsCancellationRequested);
        return total;
    }

    /// <summary>The notification as a message; its Message-ID is derived from its id, the same at every attempt.</summary>
    public static OutgoingMail Mail(Notification notification, MailOptions mail) =>
        new($"{notification.Id:N}@{mail.Domain}", notification.Recipient, notification.Subject, notification.Body)
        {
            Headers = [new("Auto-Submitted", "auto-generated")],
        };

    private Task<List<Notification>> ClaimAsync(CancellationToken cancellationToken) =>
        writes.RunAsync(async () =>
        {
            var now = time.GetUtcNow();
            var maxAttempts = options.Value.MaxAttempts;
            var due = await db.Notifications.AsTracking()
                .Where(n => n.SentAt == null && n.NextAttemptAt <= now && n.Attempts < maxAttempts)
                .OrderBy(n => n.NextAttemptAt)
                .Take(options.Value.BatchSize)
                .ToListAsync(cancellationToken);
            foreach (var notification in due)
            {
                notification.NextAttemptAt = now + Lease;
            }
            return due;
        }, cancellationToken);

    private Task<DispatchResult> RecordAsync(Dictionary<Guid, string?> outcomes, CancellationToken cancellationToken) =>
        writes.RunAsync(async () =>
        {
            var now = time.GetUtcNow();
            var ids = outcomes.Keys.ToList();
            var rows = await db.Notifications.AsTracking().Where(n => ids.Contains(n.Id)).ToListAsync(cancellationToken);
            int sent = 0, failed = 0, givenUp = 0;
            foreach (var notification in rows)
            {
                if (outcomes[notification.Id] is not { } error)
                {
                    notification.SentAt = now;
                    notification.LastError = null;
                    sent++;
                    continue;
                }
                notification.Attempts++;
                notification.LastError = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
                if (notification.Attempts >= options.Value.MaxAttempts)
                {
                    logger.LogWarning("Gave up notification {Key} to {Recipient} after {Attempts} attempts: {Error}",
                        notification.Key, notification.Recipient, notification.Attempts, error);
                    givenUp++;
                }
                else
                {
                    notification.NextAttemptAt = now + options.Value.Backoff(notification.Attempts);
                    logger.LogInformation("Notification {Key} to {Recipient} failed (attempt {Attempts}), next try at {NextAttemptAt}: {Error}",
                        notification.Key, notification.Recipient, notification.Attempts, notification.NextAttemptAt, error);
                    failed++;
                }
            }
            return new DispatchResult(sent, failed, givenUp);
        }, cancellationToken);
}
