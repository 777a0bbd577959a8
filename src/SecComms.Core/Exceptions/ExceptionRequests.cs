namespace SecComms.Core.Exceptions;

/// <summary>A request for a time-limited exception to one rule of the procedure.</summary>
/// <param name="Rule">The policy or rule departed from, in words.</param>
/// <param name="CommunicationId">The communication it is for; omit for an exception that is not about one communication.</param>
/// <param name="Gates">The disclosure gates it lets the communication pass: fix-released, incident-contained, embargo-passed.</param>
/// <param name="Justification">Why the rule cannot be followed.</param>
/// <param name="AlternativesConsidered">What was considered instead, and why it does not do.</param>
/// <param name="CompensatingControls">What limits the risk while the exception is in force.</param>
/// <param name="Risk">low, medium, high or critical.</param>
/// <param name="PeriodDays">How many days it lasts once approved, at most the policy's maximum.</param>
public sealed record ExceptionRequest(
    string? Rule,
    Guid? CommunicationId,
    IReadOnlyList<string>? Gates,
    string? Justification,
    string? AlternativesConsidered,
    string? CompensatingControls,
    string? Risk,
    int? PeriodDays);

/// <summary>A request to extend an approved exception: a new request for the same rule, communication and gates.</summary>
/// <param name="Justification">Why it is still needed.</param>
/// <param name="AlternativesConsidered">What was considered instead, and why it does not do.</param>
/// <param name="CompensatingControls">What limits the risk while the extension is in force.</param>
/// <param name="Risk">low, medium, high or critical.</param>
/// <param name="PeriodDays">How many days the extension lasts once approved, counted from its approval.</param>
public sealed record ExtensionRequest(
    string? Justification,
    string? AlternativesConsidered,
    string? CompensatingControls,
    string? Risk,
    int? PeriodDays);

/// <param name="Status">Expired includes approved exceptions whose period has ended, before the sweep marks them.</param>
/// <param name="CommunicationId">Only exceptions for this communication.</param>
/// <param name="RequestedByMe">Only exceptions the caller requested.</param>
/// <param name="Risk">Only this risk rating.</param>
/// <param name="ExpiringWithinDays">Only exceptions in force that end within this many days.</param>
/// <param name="Cursor">The nextCursor of the previous page.</param>
/// <param name="Limit">Page size, 1 to 100.</param>
public sealed record ExceptionFilter(
    ExceptionStatus? Status = null,
    Guid? CommunicationId = null,
    bool RequestedByMe = false,
    RiskRating? Risk = null,
    int? ExpiringWithinDays = null,
    string? Cursor = null,
    int Limit = 25);
