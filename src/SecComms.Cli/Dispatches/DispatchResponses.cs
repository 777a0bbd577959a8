namespace SecComms.Cli.Dispatches;

/// <remarks>The CLI's own view of the API's JSON; the kind stays the word the server sends (publication, test).</remarks>
internal sealed record DispatchDetail(
    Guid Id,
    Guid CommunicationId,
    string Communication,
    string Kind,
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

internal sealed record DispatchCounts(int Queued, int Deferred, int Sent, int Failed, int Acknowledged)
{
    public int Done => Sent + Failed;

    public int Total => Queued + Deferred + Sent + Failed;
}

internal sealed record OrganizationReport(int Organizations, int Reached, int Acknowledged, IReadOnlyList<OrganizationDelivery> Items);

internal sealed record OrganizationDelivery(Guid? OrganizationId, string Organization, int Recipients, int Sent, int Queued, int Deferred, int Failed,
    int Acknowledged, bool Reached);
