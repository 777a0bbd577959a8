namespace SecComms.Core.Distribution;

/// <summary>How dispatches are sent; bound from the <c>Distribution</c> configuration section.</summary>
public sealed class DistributionOptions
{
    public const string Section = "Distribution";

    /// <summary>Whether this node sends dispatches and webhooks. Any number of nodes may.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many connections to the relay one node keeps open at once.</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>How many recipients one node takes at a time.</summary>
    public int ClaimBatch { get; set; } = 400;

    /// <summary>
    /// How many outcomes a node records together. Together with <see cref="Concurrency"/> it bounds the messages that
    /// may be sent twice after a crash: those the relay accepted whose outcome was not yet written.
    /// </summary>
    public int OutcomeBatch { get; set; } = 100;

    /// <summary>How long a node owns the recipients it took; after a crash, others take them when it runs out.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often an idle node looks for work; a publication on the same node wakes it at once.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Messages per second to the relay, per node; 0 sends as fast as the relay takes them.</summary>
    public double RateLimit { get; set; }

    /// <summary>Whether emergency dispatches go out without <see cref="RateLimit"/>.</summary>
    public bool EmergencySkipsRateLimit { get; set; } = true;

    /// <summary>Attempts after which a recipient still deferred is marked failed; with the default delays, about ten hours.</summary>
    public int MaxAttempts { get; set; } = 15;

    /// <summary>The wait after the first temporary failure; it doubles with each further one, with jitter…</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>…up to this.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The teams that manage organizations, contacts and segments (administrators may too).</summary>
    public List<string> ManagerTeams { get; set; } = ["security", "customer-success", "support"];

    /// <summary>
    /// The wait before the next attempt after <paramref name="failures"/> temporary failures: exponential, capped, and
    /// spread over its upper half so that many recipients deferred together do not all come back at once.
    /// </summary>
    public TimeSpan Backoff(int failures, double random)
    {
        var delay = RetryDelay;
        for (var i = 1; i < failures && delay < MaxRetryDelay; i++)
        {
            delay += delay;
        }
        var capped = delay < MaxRetryDelay ? delay : MaxRetryDelay;
        return capped * (0.5 + random / 2);
    }

    /// <summary>Sent messages whose outcome a crash can lose, and which are therefore sent again: the in-flight bound.</summary>
    public int InFlightBound => 2 * OutcomeBatch + Concurrency;
}
