namespace SecComms.Core.Distribution;

public sealed record DispatchCounts(int Queued, int Deferred, int Sent, int Failed, int Acknowledged)
{
    public int Total => Queued + Deferred + Sent + Failed;
}

/// <summary>A dispatch's progress: every recipient is queued, deferred (to be tried again), sent or failed.</summary>
/// <remarks>
/// <para><c>Progress</c> is the share of recipients with an outcome, sent or failed, from 0 to 1.</para>
/// <para><c>LastError</c> is the most recent reason a recipient was deferred or failed, such as a relay's reply.</para>
/// </remarks>
public sealed record DispatchView(
    Guid Id,
    Guid CommunicationId,
    string Communication,
    DispatchKind Kind,
    string Audience,
    int Revision,
    bool Mandatory,
    bool Emergency,
    bool RequiresAcknowledgement,
    int Recipients,
    DispatchCounts Counts,
    double Progress,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? NextAttemptAt,
    string? LastError);

/// <summary>How one organization fared in a dispatch; <see cref="Reached"/> when at least one of its contacts got the message.</summary>
public sealed record OrganizationDelivery(Guid? OrganizationId, string Organization, int Recipients, int Sent, int Queued, int Deferred, int Failed,
    int Acknowledged, bool Reached);

/// <summary>A colleague a test send went to, by the address it was sent to.</summary>
public sealed record TestRecipient(string Email, DeliveryStatus Status, DateTimeOffset? SentAt);

public sealed record OrganizationReport(int Organizations, int Reached, int Acknowledged, IReadOnlyList<OrganizationDelivery> Items);

public sealed record DeliveryView(long Id, string Email, string Name, string? Organization, DeliveryStatus Status, int Attempts, DateTimeOffset? SentAt,
    DateTimeOffset NextAttemptAt, DateTimeOffset? AcknowledgedAt, string? LastError);

/// <summary>What a recipient sees when they confirm receipt.</summary>
public sealed record Acknowledgement(string Communication, string Title, string? Organization, DateTimeOffset AcknowledgedAt);
