using SecComms.Core.Audit;
using SecComms.Core.Communications;
using SecComms.Core.Disclosure;
using SecComms.Core.Errors;
using SecComms.Core.Exceptions;
using SecComms.Core.Policy;

namespace SecComms.Core.Tests.Communications;

public sealed class LifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static Communication Draft() => new()
    {
        Number = 7,
        Category = "security-release",
        Title = "Release",
        CurrentRevision = 2,
        CurrentContentHash = "content",
    };

    private static Communication Approved()
    {
        var communication = Draft();
        communication.Submit("package", Now);
        communication.Settle(allApproved: true);
        return communication;
    }

    private static GatePassage Passage(PolicyExceptionEntry? exception = null) =>
        new([new GateResult(Gates.EmbargoPassed, exception is null, "embargo")], exception);

    private static PolicyExceptionEntry Exception() => new()
    {
        Number = 3,
        CommunicationId = Guid.NewGuid(),
        Rule = "disclosure-gates",
        Gates = [Gates.EmbargoPassed],
        Justification = "The coordinated date moved.",
        AlternativesConsidered = "None.",
        CompensatingControls = "None.",
    };

    [Fact]
    public void Submitting_opens_a_review_round_bound_to_the_package_and_clears_the_last_reason()
    {
        var communication = Draft();

        var submitted = communication.Submit("package", Now);

        Assert.Equal((CommunicationStatus.InReview, 1, "package", Now, (string?)null),
            (communication.Status, communication.ReviewRound, communication.PackageHash, communication.SubmittedAt, communication.StatusReason));
        Assert.Equal(new Submitted(1), submitted);
        Assert.Throws<ConflictException>(() => communication.Submit("package", Now));
    }

    [Fact]
    public void Settling_approves_once_every_stage_has_and_a_lost_approval_unschedules_it()
    {
        var communication = Approved();
        communication.Schedule(Now.AddDays(1), Passage(Exception()));

        Assert.Equal(CommunicationStatus.InReview, communication.Settle(allApproved: false));
        Assert.Null(communication.ScheduledAt);
        Assert.Null(communication.GateExceptionId);
        Assert.Equal(CommunicationStatus.Approved, communication.Settle(allApproved: true));
    }

    [Fact]
    public void Unscheduling_returns_it_to_approved_with_the_reason_and_forgets_the_exception()
    {
        var communication = Approved();
        var exception = Exception();
        var scheduled = communication.Schedule(Now.AddDays(1), Passage(exception));
        Assert.Equal((CommunicationStatus.Scheduled, exception.Id), (communication.Status, communication.GateExceptionId));
        Assert.Equal([Gates.EmbargoPassed], scheduled.Overridden);

        var unscheduled = communication.Unschedule("The embargo moved.");

        Assert.Equal((CommunicationStatus.Approved, (DateTimeOffset?)null, (Guid?)null, "The embargo moved."),
            (communication.Status, communication.ScheduledAt, communication.GateExceptionId, communication.StatusReason));
        Assert.Equal(new Unscheduled(Now.AddDays(1), "The embargo moved."), unscheduled);
        Assert.Throws<ConflictException>(() => communication.Unschedule("again"));
    }

    [Fact]
    public void Publishing_freezes_the_current_revision_and_nothing_moves_it_afterwards()
    {
        var communication = Approved();

        var published = communication.Publish(Passage(), [new PublishedApproval(0, "security", Guid.Empty)], Now);

        Assert.Equal((CommunicationStatus.Published, (DateTimeOffset?)Now, (int?)2), (communication.Status, communication.PublishedAt, communication.PublishedRevision));
        Assert.Equal(2, published.Revision);
        Assert.Equal(CommunicationStatus.Published, communication.Settle(allApproved: false));
        Assert.Null(communication.ResetApprovals("text", []));
        Assert.Throws<ConflictException>(() => communication.Withdraw("too late"));
        Assert.Throws<ConflictException>(() => communication.CloseWithNoPublicNotification("too late", null));
        Assert.Throws<ConflictException>(() => communication.Schedule(Now.AddDays(1), Passage()));
    }

    [Fact]
    public void Closing_with_no_public_notification_drops_a_schedule_and_its_exception()
    {
        var communication = Approved();
        communication.Schedule(Now.AddDays(1), Passage(Exception()));

        var closed = communication.CloseWithNoPublicNotification("Nobody outside was affected.", "INC-4");

        Assert.Equal((CommunicationStatus.NoPublicNotification, (DateTimeOffset?)null, (Guid?)null),
            (communication.Status, communication.ScheduledAt, communication.GateExceptionId));
        Assert.Equal("INC-4", closed.Incident);
    }

    [Fact]
    public void A_reset_names_the_status_it_came_from()
    {
        var communication = Approved();

        var reset = communication.ResetApprovals("audience", [new ResetApproval("sam@example.com", "security", 0, 2, "content", "package")]);

        Assert.Equal(CommunicationStatus.InReview, communication.Status);
        Assert.Equal(("approved", "audience"), (reset!.PreviousStatus, reset.Change));
        Assert.Null(Draft().ResetApprovals("text", []));
    }

    [Fact]
    public void Events_are_read_back_as_their_types_from_the_envelope_and_from_events_stored_before_it()
    {
        var enveloped = Audited(ApprovalsReset.Action,
            """{"reference":"SC-7","status":"in-review","decision":{"revision":2,"contentHash":"c","packageHash":"p","change":"links","previousStatus":"approved","approvers":[{"email":"sam@example.com","team":"security","stage":0,"revision":1,"contentHash":"c0","packageHash":"p0"}]},"policyHash":"h"}""");
        var legacy = Audited(ApprovalsReset.Action,
            """{"reference":"SC-7","revision":2,"contentHash":"c","packageHash":null,"change":"text","previousStatus":"approved","status":"in-review","approvers":[{"email":"sam@example.com","team":"security","stage":0,"revision":1,"contentHash":"c0","packageHash":null}],"policyHash":"h"}""");
        var legacyRejection = Audited(StageRejected.Action,
            """{"reference":"SC-7","status":"draft","decision":{"stage":1,"team":"legal","decision":"rejected","revision":2,"contentHash":"c","comment":"No."},"policyHash":"h"}""");

        Assert.Equal("links", Assert.IsType<ApprovalsReset>(CommunicationEvents.Read(enveloped)).Change);
        var read = Assert.IsType<ApprovalsReset>(CommunicationEvents.Read(legacy));
        Assert.Equal(("text", "sam@example.com"), (read.Change, read.Approvers.Single().Email));
        Assert.Equal((1, "legal"), (CommunicationEvents.Read<StageRejected>(legacyRejection)!.Stage, CommunicationEvents.Read<StageRejected>(legacyRejection)!.Team));
        Assert.Null(CommunicationEvents.Read<StageApproved>(legacyRejection));
        Assert.Null(CommunicationEvents.Read(Audited("communication.created", "{}")));
    }

    private static AuditEvent Audited(string action, string data) => new()
    {
        Seq = 1,
        Actor = "sam@example.com",
        Action = action,
        Entity = "communication:x",
        Data = data,
        PrevHash = "",
        Hash = "",
    };
}
