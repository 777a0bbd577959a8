namespace SecComms.Cli.Communications;

/// <remarks>
/// The CLI's own view of the API's JSON, not the server's types: it keeps only what it shows, and keeps the status as the
/// word the server sends, so a newer server with more statuses still works with this CLI.
/// </remarks>

internal sealed record CommunicationSummary(
    Guid Id,
    string Reference,
    string Category,
    string Title,
    string Status,
    bool Confidential,
    int CurrentRevision);

internal sealed record Person(Guid Id, string Email, string Name)
{
    public override string ToString() => $"{Name} <{Email}>";
}

internal sealed record CommunicationDetail(
    Guid Id,
    string Reference,
    string Category,
    string Title,
    string Status,
    bool Confidential,
    Person CreatedBy,
    IReadOnlyList<Person> Participants,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    RevisionDetail Revision,
    string PackageHash)
{
    /// <summary>What the reader may do with it, as the server decides; empty from a server that does not say.</summary>
    public IReadOnlyList<string> Allowed { get; init; } = [];

    public bool ShipsWithRelease { get; init; }
}

internal sealed record RevisionDetail(int Number, string ContentHash, Person Author, DateTimeOffset CreatedAt, string? Note, RevisionContent Content);

internal sealed record RevisionContent(string Title, string Body, string EmailSubject, string EmailBody, string ShortText);

internal sealed record ApprovalDetail(
    Guid Id,
    int? Stage,
    string Team,
    string Kind,
    string Decision,
    Person Approver,
    int Revision,
    string ContentHash,
    string? PackageHash,
    string? Comment,
    DateTimeOffset At,
    bool Current);

internal sealed record StageDetail(int Stage, string Team, string? Purpose, string When, string State, ApprovalDetail? Approval)
{
    public IReadOnlyList<string> Backup { get; init; } = [];

    public DateTimeOffset? DueAt { get; init; }

    public bool BackupsEngaged { get; init; }
}

internal sealed record RequirementsDetail(
    Guid Id,
    string Reference,
    string Status,
    int Revision,
    string ContentHash,
    IReadOnlyList<StageDetail> Stages,
    IReadOnlyList<string> Consult,
    IReadOnlyList<ApprovalDetail> Consults,
    IReadOnlyList<GateDetail> Gates,
    IReadOnlyList<string> Outstanding,
    bool ReadyToPublish)
{
    public bool Emergency { get; init; }
}

internal sealed record GateDetail(string Gate, bool Passed, string Detail);

internal sealed record DisclosureDetail(Guid Id, string Reference, IReadOnlyList<GateDetail> Gates, bool Open);
