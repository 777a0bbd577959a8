using SecComms.Core.Communications;

namespace SecComms.Core.Workflow;

/// <param name="Stage">The team of the stage to decide for; by default the caller's first open stage (or consult team).</param>
/// <param name="Decision"><c>approve</c>, <c>reject</c> (reason in <paramref name="Comment"/>) or <c>advice</c> (a consult).</param>
/// <param name="ContentHash">The content hash of the revision the caller read and decides on.</param>
/// <param name="Comment">Why; required to reject or to give advice.</param>
public sealed record DecisionRequest(string? Stage, string? Decision, string? ContentHash, string? Comment);

public sealed record ApprovalView(
    Guid Id,
    int? Stage,
    string Team,
    ApprovalKind Kind,
    ApprovalDecision Decision,
    PersonView Approver,
    int Revision,
    string ContentHash,
    string PolicyHash,
    string? Comment,
    DateTimeOffset At,
    bool Current);

public sealed record StageView(int Stage, string Team, string? Purpose, string When, StageState State, ApprovalView? Approval);

/// <summary>Everything that still stands between a communication and its publication.</summary>
public sealed record RequirementsView(
    Guid Id,
    string Reference,
    CommunicationStatus Status,
    int Revision,
    string ContentHash,
    bool CustomersAffected,
    IReadOnlyList<StageView> Stages,
    IReadOnlyList<string> Consult,
    IReadOnlyList<ApprovalView> Consults,
    IReadOnlyList<string> Fyi,
    IReadOnlyList<string> Outstanding,
    bool ReadyToPublish);
