using Microsoft.EntityFrameworkCore;
using SecComms.Core.Data;

namespace SecComms.Core.Notifications;

/// <summary>
/// Queues notifications inside the caller's write scope, so a message exists exactly when the change that causes it
/// commits. A key already queued is skipped: each reason to notify someone produces one message.
/// </summary>
public sealed class Outbox(SecCommsDb db, TimeProvider time)
{
    public async Task<bool> EnqueueAsync(string key, string recipient, string subject, string body, CancellationToken cancellationToken)
    {
        if (db.Notifications.Local.Any(n => n.Key == key) || await db.Notifications.AnyAsync(n => n.Key == key, cancellationToken))
        {
            return false;
        }
        var now = time.GetUtcNow();
        db.Notifications.Add(new Notification { Key = key, Recipient = recipient, Subject = subject, Body = body, CreatedAt = now, NextAttemptAt = now });
        return true;
    }
}
