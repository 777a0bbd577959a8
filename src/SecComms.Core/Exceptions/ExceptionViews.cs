using SecComms.Core.Communications;

namespace SecComms.Core.Exceptions;

/// <summary>The communication an exception is for, as its reader may see it.</summary>
public sealed record ExceptionCommunication(Guid Id, string Reference, string Title, bool Confidential);

/// <summary>Another entry of the register: the exception this one extends, or an extension of it.</summary>
public sealed record ExceptionLink(Guid Id, string Reference, ExceptionStatus Status);

/// <summary>What the caller may do with an exception now.</summary>
/// <param name="Decide">Approve or reject it: an approver who did not request it, while it is requested.</param>
/// <param name="Revoke">Revoke it: an approver, while it is in force.</param>
/// <param name="Extend">Request an extension: its requester or an approver, once approved, unless one is already waiting.</param>
public sealed record ExceptionActions(bool Decide, bool Revoke, bool Extend);

/// <summary>One entry of the policy exception register.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Reference">"EX-5".</param>
/// <param name="Rule">The policy or rule departed from.</param>
/// <param name="Communication">The communication it is for, or null.</param>
/// <param name="Gates">The disclosure gates it lets the communication pass while in force.</param>
/// <param name="Justification">Why the rule cannot be followed.</param>
/// <param name="AlternativesConsidered">What was considered instead.</param>
/// <param name="CompensatingControls">What limits the risk meanwhile.</param>
/// <param name="Risk">The requester's risk rating.</param>
/// <param name="PeriodDays">How long it lasts from its approval.</param>
/// <param name="Status">Expired as soon as an approved exception's period ends, even before the sweep records it.</param>
/// <param name="InForce">Approved and not yet expired: it lets its communication pass the named gates.</param>
/// <param name="RequestedBy">Who asked for it.</param>
/// <param name="RequestedAt">When.</param>
/// <param name="Extends">The exception this one extends.</param>
/// <param name="Extensions">The requests to extend this one.</param>
/// <param name="DecidedBy">The approver who approved or rejected it.</param>
/// <param name="DecidedAt">When.</param>
/// <param name="DecisionComment">The approver's comment, or the reason for a rejection.</param>
/// <param name="ExpiresAt">When its period ends, once approved.</param>
/// <param name="RevokedBy">The approver who revoked it.</param>
/// <param name="RevokedAt">When.</param>
/// <param name="RevocationReason">Why.</param>
/// <param name="PolicyHash">The hash of the policy it was decided under.</param>
/// <param name="UpdatedAt">Its last change.</param>
/// <param name="Actions">What the caller may do with it now.</param>
public sealed record ExceptionView(
    Guid Id,
    string Reference,
    string Rule,
    ExceptionCommunication? Communication,
    IReadOnlyList<string> Gates,
    string Justification,
    string AlternativesConsidered,
    string CompensatingControls,
    RiskRating Risk,
    int PeriodDays,
    ExceptionStatus Status,
    bool InForce,
    PersonView RequestedBy,
    DateTimeOffset RequestedAt,
    ExceptionLink? Extends,
    IReadOnlyList<ExceptionLink> Extensions,
    PersonView? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionComment,
    DateTimeOffset? ExpiresAt,
    PersonView? RevokedBy,
    DateTimeOffset? RevokedAt,
    string? RevocationReason,
    string? PolicyHash,
    DateTimeOffset UpdatedAt,
    ExceptionActions Actions);

public sealed record ExceptionSummary(
    Guid Id,
    string Reference,
    string Rule,
    Guid? CommunicationId,
    string? CommunicationReference,
    IReadOnlyList<string> Gates,
    RiskRating Risk,
    int PeriodDays,
    ExceptionStatus Status,
    PersonView RequestedBy,
    DateTimeOffset RequestedAt,
    DateTimeOffset? ExpiresAt,
    Guid? ExtendsId);

public sealed record ExceptionPage(IReadOnlyList<ExceptionSummary> Items, string? NextCursor);

public static class ExceptionStates
{
    /// <summary>The status as it stands at <paramref name="at"/>: an approved exception whose period has ended is expired.</summary>
    public static ExceptionStatus StatusAt(this PolicyExceptionEntry entry, DateTimeOffset at) =>
        entry.Status == ExceptionStatus.Approved && !entry.IsInForce(at) ? ExceptionStatus.Expired : entry.Status;
}
