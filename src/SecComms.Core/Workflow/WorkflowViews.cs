using SecComms.Core.Communications;
using SecComms.Core.Disclosure;

namespace SecComms.Core.Workflow;

/// <param name="Stage">The team of the stage to decide for; by default the caller's first open stage (or consult team).</param>
/// <param name="Decision"><c>approve</c>, <c>reject</c> (reason in <paramref name="Comment"/>) or <c>advice</c> (a consult).</param>
/// <param name="PackageHash">
/// The package hash the caller was shown (<see cref="CommunicationView.PackageHash"/>): the text of every variant, the
/// release, incident, embargo and audience they read and decide on.
/// </param>
/// <param name="Comment">Why; required to reject or to give advice.</param>
public sealed record DecisionRequest(string? Stage, string? Decision, string? PackageHash, string? Comment);

public sealed record ApprovalView(
    Guid Id,
    int? Stage,
    string Team,
    ApprovalKind Kind,
    ApprovalDecision Decision,
    PersonView Approver,
    int Revision,
    string ContentHash,
    string? PackageHash,
    string PolicyHash,
    string? Comment,
    DateTimeOffset At,
    bool Current);

public sealed record StageView(int Stage, string Team, string? Purpose, string When, StageState State, ApprovalView? Approval)
{
    /// <summary>The teams that may approve this stage in emergency mode once its deadline has passed.</summary>
    public IReadOnlyList<string> Backup { get; init; } = [];

    /// <summary>
    /// When the waiting stage is due: opened (submission or the previous stage's approval) plus the category's deadline,
    /// or the review and approval windows of the linked incident's severity.
    /// </summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>Whether the backup teams may approve this stage now: emergency mode and its deadline passed.</summary>
    public bool BackupsEngaged { get; init; }
}

/// <summary>
/// Everything that still stands between a communication and its publication. Gates are evaluated now, or at the
/// scheduled time for a scheduled communication; GateException names the policy exception a schedule relies on.
/// </summary>
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
    SafeView Safe,
    IReadOnlyList<GateResult> Gates,
    string? GateException,
    IReadOnlyList<string> Outstanding,
    bool ReadyToPublish)
{
    /// <summary>Whether emergency mode is on: short deadlines, and backup approvers once a deadline passes.</summary>
    public bool Emergency { get; init; }

    /// <summary>Approved with nothing outstanding but closed gates, which an approved policy exception may pass.</summary>
    public bool OnlyGatesClosed { get; init; }

    /// <summary>The approval stages an explicit quorum fallback waived in the current review round.</summary>
    public IReadOnlyList<string> WaivedTeams { get; init; } = [];

    /// <summary>When it went out and with which release; null until it is published.</summary>
    public PublicationView? Publication { get; init; }
}

/// <summary>A published communication's publication.</summary>
/// <param name="At">When it went out.</param>
/// <param name="Revision">The revision that went out.</param>
/// <param name="ShippedWith">The release (such as SR-7) whose publication published it, when it was armed to ship with it.</param>
public sealed record PublicationView(DateTimeOffset At, int Revision, string? ShippedWith);

/// <summary>The answers to the SAFE questions, each true or false.</summary>
/// <param name="Sensitive">Does it disclose sensitive information? True flags a risk.</param>
/// <param name="Accurate">Is every statement verified? False flags a risk.</param>
/// <param name="Financial">Could it affect financial results or disclosures? True flags a risk.</param>
/// <param name="Effect">Could it affect reputation, customers or partners beyond the intended audience? True flags a risk.</param>
/// <param name="Notes">Anything the approvers should know about the answers.</param>
public sealed record SafeRequest(bool? Sensitive, bool? Accurate, bool? Financial, bool? Effect, string? Notes);

public enum SafeState
{
    Answered,
    /// <summary>A public communication without answers: it cannot be submitted for review.</summary>
    Missing,
    /// <summary>Confidential communications need no SAFE check.</summary>
    NotRequired,
}

public sealed record SafeAnswersView(
    bool Sensitive,
    bool Accurate,
    bool Financial,
    bool Effect,
    string? Notes,
    PersonView AnsweredBy,
    DateTimeOffset AnsweredAt,
    int Revision,
    string ContentHash);

/// <summary>Where the SAFE check of a communication stands.</summary>
/// <param name="State">Answered, missing (a public communication without answers), or not required (confidential).</param>
/// <param name="Flags">The questions whose answers flag a risk.</param>
/// <param name="AddedTeams">The teams whose approval the flags add as stages after the category's.</param>
/// <param name="Answers">The answers, who gave them and for which revision; null until answered.</param>
public sealed record SafeView(SafeState State, IReadOnlyList<string> Flags, IReadOnlyList<string> AddedTeams, SafeAnswersView? Answers);
