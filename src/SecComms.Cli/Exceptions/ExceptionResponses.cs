using SecComms.Cli.Communications;

namespace SecComms.Cli.Exceptions;

/// <remarks>The CLI's own view of the API's JSON: statuses and risks stay the words the server sends.</remarks>

internal sealed record ExceptionSummary(
    Guid Id,
    string Reference,
    string Rule,
    string? CommunicationReference,
    string Risk,
    string Status,
    int PeriodDays,
    DateTimeOffset? ExpiresAt);

internal sealed record ExceptionCommunication(Guid Id, string Reference, string Title, bool Confidential);

internal sealed record ExceptionLink(Guid Id, string Reference, string Status);

internal sealed record ExceptionDetail(
    Guid Id,
    string Reference,
    string Rule,
    ExceptionCommunication? Communication,
    IReadOnlyList<string> Gates,
    string Justification,
    string AlternativesConsidered,
    string CompensatingControls,
    string Risk,
    int PeriodDays,
    string Status,
    bool InForce,
    Person RequestedBy,
    DateTimeOffset RequestedAt,
    ExceptionLink? Extends,
    IReadOnlyList<ExceptionLink> Extensions,
    Person? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionComment,
    DateTimeOffset? ExpiresAt,
    Person? RevokedBy,
    DateTimeOffset? RevokedAt,
    string? RevocationReason,
    string? PolicyHash);
