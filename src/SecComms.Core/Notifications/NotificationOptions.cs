namespace SecComms.Core.Notifications;

/// <summary>How notifications are planned, sent and retried; bound from the <c>Notifications</c> configuration section.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Whether this node plans and sends notifications and watches deadlines. Any number of nodes may.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the audit trail is read for new notifications and due messages are sent.</summary>
    public TimeSpan DeliveryInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many messages one node takes to send at a time.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Failed sends after which a message is given up; it stays in the outbox with its last error.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failure; it doubles with every further failure…</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>…up to this.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often approval deadlines are checked for reminders and backup approvers.</summary>
    public TimeSpan DeadlineSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The wait before retrying after <paramref name="failures"/> failed attempts.</summary>
    public TimeSpan Backoff(int failures)
    {
        var delay = RetryDelay;
        for (var i = 1; i < failures && delay < MaxRetryDelay; i++)
        {
            delay += delay;
        }
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }
}
