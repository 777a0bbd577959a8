using SecComms.Core.Disclosure;

namespace SecComms.Core.Communications;

/// <summary>Submitted for review, opening review round <paramref name="Round"/>.</summary>
public sealed record Submitted(int Round) : ICommunicationEvent
{
    public static string Action => "communication.submitted";
}

/// <summary>A decision on a stage, or advice: what was decided on, by which team, and where it left the communication.</summary>
public abstract record StageDecided
{
    public int? Stage { get; init; }
    public string Team { get; init; } = "";
    public string Decision { get; init; } = "";
    public int Revision { get; init; }
    public string ContentHash { get; init; } = "";
    public string? PackageHash { get; init; }
    public string? Comment { get; init; }
    public string Status { get; init; } = "";
    /// <summary>Decided by a member of a backup team once the stage's deadline passed.</summary>
    public bool AsBackup { get; init; }
}

public sealed record StageApproved : StageDecided, ICommunicationEvent
{
    public static string Action => "communication.approved";
}

/// <summary>A stage rejected the text: the communication returned to draft with the comment as its reason.</summary>
public sealed record StageRejected : StageDecided, ICommunicationEvent
{
    public static string Action => "communication.rejected";
}

public sealed record AdviceGiven : StageDecided, ICommunicationEvent
{
    public static string Action => "communication.consulted";
}

/// <summary>A change to the disclosure package (<paramref name="Change"/>) made the approvals of <paramref name="Approvers"/> stop counting.</summary>
public sealed record ApprovalsReset(int Revision, string ContentHash, string? PackageHash, string Change, string PreviousStatus,
    IReadOnlyList<ResetApproval> Approvers) : ICommunicationEvent
{
    public static string Action => "communication.approvals-reset";
}

public sealed record ResetApproval(string Email, string Team, int? Stage, int Revision, string ContentHash, string? PackageHash);

public sealed record SafeAnswered(bool Sensitive, bool Accurate, bool Financial, bool Effect, string? Notes, IReadOnlyList<string> Flags,
    IReadOnlyList<string>? PreviousFlags, IReadOnlyList<string> AddedTeams, int Revision, string ContentHash, string Status) : ICommunicationEvent
{
    public static string Action => "communication.safe-answered";
}

public sealed record CustomersAffectedChanged(bool CustomersAffected, string Status) : ICommunicationEvent
{
    public static string Action => "communication.customers-affected-changed";
}

public sealed record Scheduled(DateTimeOffset At, IReadOnlyList<GateResult> Gates, string? Exception, IReadOnlyList<string> Overridden) : ICommunicationEvent
{
    public static string Action => "communication.scheduled";
}

/// <summary>
/// A scheduled communication went back to approved without being published: its gates closed, or at its time it could
/// not go out.
/// </summary>
public sealed record Unscheduled(DateTimeOffset? ScheduledAt, string Reason) : ICommunicationEvent
{
    public static string Action => "communication.schedule-failed";
}

/// <summary>Armed to be published in the transaction that publishes <paramref name="Release"/>.</summary>
public sealed record ArmedForRelease(string Release) : ICommunicationEvent
{
    public static string Action => "communication.armed-for-release";
}

/// <summary>No longer goes out with its release, for <paramref name="Reason"/>.</summary>
public sealed record Disarmed(string Reason) : ICommunicationEvent
{
    public static string Action => "communication.disarmed";
}

/// <summary>A publication passed closed gates on the strength of a policy exception.</summary>
public sealed record GatesOverridden(string Exception, string Rule, DateTimeOffset? ExpiresAt, IReadOnlyList<GateResult> Gates) : ICommunicationEvent
{
    public static string Action => "communication.gates-overridden";
}

/// <summary>Published; <c>ShippedWith</c> names the release whose publication published it, when it was armed to ship with it.</summary>
public sealed record Published(int Revision, string ContentHash, IReadOnlyList<PublishedApproval> Approvers, IReadOnlyList<GateResult> Gates,
    string? Exception, string? ShippedWith = null) : ICommunicationEvent
{
    public static string Action => "communication.published";
}

public sealed record PublishedApproval(int? Stage, string Team, Guid ApproverId);

public sealed record Withdrawn(string PreviousStatus, string? Reason) : ICommunicationEvent
{
    public static string Action => "communication.withdrawn";
}

/// <summary>Closed with no public notification, by its incident's decision (<paramref name="Incident"/>) or on its own after it.</summary>
public sealed record ClosedWithNoPublicNotification(string? Reason, string? Incident) : ICommunicationEvent
{
    public static string Action => "communication.no-public-notification";
}

/// <summary>What the deadline sweep records about the stage waiting in a review round.</summary>
public abstract record StageDeadlineEvent
{
    public int Round { get; init; }
    public int Stage { get; init; }
    public string Team { get; init; } = "";
    public bool Emergency { get; init; }
    public string Deadline { get; init; } = "";
    public DateTimeOffset OpenedAt { get; init; }
    public DateTimeOffset DueAt { get; init; }
    public IReadOnlyList<string> Backup { get; init; } = [];
}

/// <summary>A quarter of the waiting stage's time remains.</summary>
public sealed record DeadlineReminded : StageDeadlineEvent, ICommunicationEvent
{
    public static string Action => "communication.deadline-reminded";
}

/// <summary>The waiting stage's backup teams may approve: its emergency deadline passed, or no one in its team may approve any more.</summary>
public sealed record BackupsEngaged : StageDeadlineEvent, ICommunicationEvent
{
    public static string Action => "communication.backups-engaged";

    /// <summary>Engaged because no active member of the stage's team may approve (someone was deactivated or left it), not for a deadline.</summary>
    public bool TeamUnstaffed { get; init; }
}
