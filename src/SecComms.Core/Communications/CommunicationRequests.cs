namespace SecComms.Core.Communications;

/// <summary>Variants supplied by the caller; any left null keep their current (or template) text.</summary>
public sealed record ContentInput(string? Title, string? Body, string? EmailSubject, string? EmailBody, string? ShortText, string? SupportFaq = null);

public sealed record NewCommunication(
    string? Category,
    string? Title,
    bool? Confidential,
    ContentInput? Content,
    IReadOnlyList<string>? Participants,
    bool? CustomersAffected = null);

public sealed record CommunicationFilter(
    CommunicationStatus? Status = null,
    string? Category = null,
    bool? Confidential = null,
    string? Search = null,
    bool CreatedByMe = false,
    string? Cursor = null,
    int Limit = 25,
    bool WaitingOnMe = false,
    string? Reference = null);

/// <param name="Confidential">Whether only the security team and the people named on it may see it.</param>
/// <param name="CustomersAffected">Whether the stages needed when customers are affected apply.</param>
/// <param name="Participants">People named on it besides its author.</param>
/// <param name="Note">The note of its first revision.</param>
internal sealed record NewCommunicationFacts(bool Confidential, bool CustomersAffected, IEnumerable<Guid> Participants, string? Note = null);
