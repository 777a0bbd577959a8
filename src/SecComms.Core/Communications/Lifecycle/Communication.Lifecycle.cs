using SecComms.Core.Disclosure;
using SecComms.Core.Errors;
using SecComms.Core.Workflow;

namespace SecComms.Core.Communications;

/// <summary>
/// The lifecycle: draft → in review → approved → scheduled → published, with rejection, resets, withdrawal and the
/// decision not to notify the public. These methods are the only code that changes the status and the fields that go
/// with it; each returns the event to record.
/// </summary>
public sealed partial class Communication
{
    public static readonly IReadOnlyList<CommunicationStatus> NotYetOut =
        [CommunicationStatus.Draft, CommunicationStatus.InReview, CommunicationStatus.Approved, CommunicationStatus.Scheduled];

    public bool IsOut => Status is CommunicationStatus.Published or CommunicationStatus.Withdrawn or CommunicationStatus.NoPublicNotification;

    /// <summary>Refuses with <paramref name="rule"/> unless the status is one of <paramref name="allowed"/>.</summary>
    public void RequireStatus(string rule, params IReadOnlyList<CommunicationStatus> allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw new ConflictException($"{rule}; {Reference} is {CommunicationService.Describe(Status)}.");
        }
    }

    public Submitted Submit(string packageHash, DateTimeOffset now)
    {
        RequireStatus("Only a draft can be submitted for review", CommunicationStatus.Draft);
        Status = CommunicationStatus.InReview;
        ReviewRound++;
        PackageHash = packageHash;
        SubmittedAt = now;
        StatusReason = null;
        return new Submitted(ReviewRound);
    }

    /// <summary>A stage rejected it: back to draft, with the rejection's comment as the reason.</summary>
    public StageRejected Reject(Approval rejection, bool asBackup)
    {
        RequireStatus("Only a communication in review can be rejected", CommunicationStatus.InReview);
        Status = CommunicationStatus.Draft;
        StatusReason = rejection.Comment;
        return Decided<StageRejected>(rejection, asBackup);
    }

    /// <summary>
    /// Approved once every applicable stage has approved (<paramref name="allApproved"/>); back in review, unscheduled,
    /// when one no longer has.
    /// </summary>
    public CommunicationStatus Settle(bool allApproved)
    {
        if (Status == CommunicationStatus.InReview && allApproved)
        {
            Status = CommunicationStatus.Approved;
        }
        else if (Status is CommunicationStatus.Approved or CommunicationStatus.Scheduled && !allApproved)
        {
            ReturnToReview();
        }
        return Status;
    }

    /// <summary>
    /// A part of its disclosure package changed: the approvals of <paramref name="reset"/> stop counting and it returns to
    /// review. Null when it was not in review or beyond, so there was nothing to reset.
    /// </summary>
    public ApprovalsReset? ResetApprovals(string change, IReadOnlyList<ResetApproval> reset)
    {
        var previous = Status;
        if (previous is not (CommunicationStatus.InReview or CommunicationStatus.Approved or CommunicationStatus.Scheduled))
        {
            return null;
        }
        ReturnToReview();
        return new ApprovalsReset(CurrentRevision, CurrentContentHash, PackageHash, change, AuditNames.Of(previous), reset);
    }

    /// <summary>Armed to be published with its release, in the transaction that publishes the release.</summary>
    public ArmedForRelease ArmForRelease(string release)
    {
        RequireStatus("Only an approved communication can be armed to ship with its release", CommunicationStatus.Approved);
        ShipsWithRelease = true;
        StatusReason = null;
        return new ArmedForRelease(release);
    }

    /// <summary>No longer goes out with its release; <paramref name="reason"/> says why, for whoever armed it.</summary>
    public Disarmed Disarm(string reason)
    {
        if (!ShipsWithRelease)
        {
            throw new ConflictException($"{Reference} is not armed to ship with its release.");
        }
        ShipsWithRelease = false;
        StatusReason = reason;
        return new Disarmed(reason);
    }

    public Scheduled Schedule(DateTimeOffset at, GatePassage passage)
    {
        RequireStatus("Only an approved communication can be scheduled", CommunicationStatus.Approved, CommunicationStatus.Scheduled);
        ShipsWithRelease = false;
        Status = CommunicationStatus.Scheduled;
        ScheduledAt = at;
        GateExceptionId = passage.Exception?.Id;
        return new Scheduled(at, passage.Gates, passage.Exception?.Reference, passage.Overridden);
    }

    /// <summary>Its schedule no longer holds: back to approved, with <paramref name="reason"/> for the people who expected it out.</summary>
    public Unscheduled Unschedule(string reason)
    {
        RequireStatus("Only a scheduled communication can be unscheduled", CommunicationStatus.Scheduled);
        var at = ScheduledAt;
        Status = CommunicationStatus.Approved;
        ScheduledAt = null;
        GateExceptionId = null;
        StatusReason = reason;
        return new Unscheduled(at, reason);
    }

    /// <summary>Goes out, frozen at the current revision; <paramref name="shippedWith"/> names the release it was armed to ship with.</summary>
    public Published Publish(GatePassage passage, IEnumerable<PublishedApproval> approvers, DateTimeOffset now, string? shippedWith = null)
    {
        RequireStatus("Only an approved communication can be published", CommunicationStatus.Approved, CommunicationStatus.Scheduled);
        ShipsWithRelease = false;
        Status = CommunicationStatus.Published;
        PublishedAt = now;
        PublishedRevision = CurrentRevision;
        GateExceptionId = passage.Exception?.Id;
        return new Published(CurrentRevision, CurrentContentHash, [.. approvers], passage.Gates, passage.Exception?.Reference, shippedWith);
    }

    public Withdrawn Withdraw(string reason)
    {
        RequireStatus("Only a communication that is not yet published can be withdrawn", NotYetOut);
        var previous = Status;
        ShipsWithRelease = false;
        Status = CommunicationStatus.Withdrawn;
        ScheduledAt = null;
        GateExceptionId = null;
        StatusReason = reason;
        return new Withdrawn(AuditNames.Of(previous), reason);
    }

    /// <summary>Closed with no public notification, by its incident's decision: nothing of it will go out.</summary>
    public ClosedWithNoPublicNotification CloseWithNoPublicNotification(string reason, string? incident)
    {
        RequireStatus("No public notification can be decided only for a communication not yet out", NotYetOut);
        Status = CommunicationStatus.NoPublicNotification;
        ShipsWithRelease = false;
        ScheduledAt = null;
        GateExceptionId = null;
        StatusReason = reason;
        return new ClosedWithNoPublicNotification(reason, incident);
    }

    internal TEvent Decided<TEvent>(Approval approval, bool asBackup) where TEvent : StageDecided, new() => new()
    {
        Stage = approval.Stage,
        Team = approval.Team,
        Decision = AuditNames.Of(approval.Decision),
        Revision = approval.RevisionNumber,
        ContentHash = approval.ContentHash,
        PackageHash = approval.PackageHash,
        Comment = approval.Comment,
        Status = AuditNames.Of(Status),
        AsBackup = asBackup,
    };

    private void ReturnToReview()
    {
        ShipsWithRelease = false;
        Status = CommunicationStatus.InReview;
        ScheduledAt = null;
        GateExceptionId = null;
    }
}
