namespace SecComms.Core.Communications;

public sealed record PersonView(Guid Id, string Email, string Name);

public sealed record CommunicationSummary(
    Guid Id,
    string Reference,
    string Category,
    string Title,
    CommunicationStatus Status,
    bool Confidential,
    int CurrentRevision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static CommunicationSummary From(Communication c) =>
        new(c.Id, c.Reference, c.Category, c.Title, c.Status, c.IsConfidential, c.CurrentRevision, c.CreatedAt, c.UpdatedAt);
}

public sealed record CommunicationView(
    Guid Id,
    string Reference,
    string Category,
    string Title,
    CommunicationStatus Status,
    bool Confidential,
    bool CustomersAffected,
    DateTimeOffset? ScheduledAt,
    DateTimeOffset? PublishedAt,
    int? PublishedRevision,
    string? StatusReason,
    PersonView CreatedBy,
    IReadOnlyList<PersonView> Participants,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    RevisionView Revision,
    string PackageHash,
    IReadOnlyList<string> Allowed)
{
    /// <summary>Armed to be published in the transaction that publishes its release.</summary>
    public bool ShipsWithRelease { get; init; }

    /// <summary>Whether the reader may do <paramref name="operation"/>, so pages and the CLI offer only what Core allows.</summary>
    public bool Allows(CommunicationOperation operation) => Allowed.Contains(Data.KebabNames.Of(operation));
}

public sealed record RevisionView(
    int Number,
    string ContentHash,
    PersonView Author,
    DateTimeOffset CreatedAt,
    string? Note,
    CommunicationContent Content);

public sealed record RevisionSummary(int Number, string ContentHash, PersonView Author, DateTimeOffset CreatedAt, string? Note);

public sealed record VariantDiff(string Variant, bool Changed, IReadOnlyList<DiffLine> Lines);

public sealed record RevisionDiff(int From, int To, string FromHash, string ToHash, IReadOnlyList<VariantDiff> Variants);

public sealed record CommunicationPage(IReadOnlyList<CommunicationSummary> Items, string? NextCursor);
