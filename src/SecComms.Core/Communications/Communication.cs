using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecComms.Core.Communications;

public enum CommunicationStatus
{
    Draft,
    InReview,
    Approved,
    Scheduled,
    Published,
    Withdrawn,
    NoPublicNotification,
}

/// <summary>The communications a security release generates when it is prepared.</summary>
public enum ReleasePart
{
    /// <summary>The release announcement: every fix, its severity and the upgrade recommendation.</summary>
    BlogPost,
    /// <summary>The plain-text notice to customers.</summary>
    CustomerEmail,
    /// <summary>One per vulnerability, with its machine-readable exports.</summary>
    Advisory,
}

/// <summary>The messages of an incident's external communication set.</summary>
public enum IncidentPart
{
    InitialNotice,
    Update,
    ResolutionNotice,
}

/// <summary>One external message in all its channel variants; its text lives in immutable <see cref="Revision"/>s.</summary>
/// <remarks>Its status, and the fields that go with it, change only through its lifecycle methods.</remarks>
public sealed partial class Communication
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>Short sequential number people use in conversation ("SC-42").</summary>
    public int Number { get; init; }
    public required string Category { get; init; }
    public required string Title { get; set; }
    public CommunicationStatus Status { get; private set; }
    public bool IsConfidential { get; set; }
    public Guid CreatedById { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int CurrentRevision { get; set; }
    public required string CurrentContentHash { get; set; }
    /// <summary>
    /// The hash of its whole disclosure package (<see cref="DisclosurePackage"/>) when last settled; null until the first
    /// change after package hashes began, for a review round that then finishes bound to the content hash alone.
    /// </summary>
    public string? PackageHash { get; set; }
    /// <summary>Adds the approval stages the policy requires only when customers are affected.</summary>
    public bool CustomersAffected { get; set; }
    /// <summary>Counts submissions for review; approvals from an earlier round no longer count.</summary>
    public int ReviewRound { get; private set; }
    public DateTimeOffset? ScheduledAt { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    /// <summary>The approved revision the communication was frozen at when it was published.</summary>
    public int? PublishedRevision { get; private set; }
    /// <summary>When it was last submitted for review: the first approval stage's deadline runs from here.</summary>
    public DateTimeOffset? SubmittedAt { get; private set; }
    /// <summary>Runs approvals on the policy's emergency deadlines, after which the stages' backup teams may approve.</summary>
    public bool Emergency { get; set; }
    /// <summary>The security release whose publication the <c>fix-released</c> gate waits for.</summary>
    public Guid? ReleaseId { get; set; }
    /// <summary>The incident whose containment the <c>incident-contained</c> gate waits for.</summary>
    public Guid? IncidentId { get; set; }
    /// <summary>Not to be published before this instant: the <c>embargo-passed</c> gate.</summary>
    public DateTimeOffset? EmbargoUntil { get; set; }
    /// <summary>The policy exception a schedule relies on to pass failing gates; checked again at publication.</summary>
    public Guid? GateExceptionId { get; private set; }
    /// <summary>What it is among the communications generated for its release; null when written by hand.</summary>
    public ReleasePart? ReleasePart { get; set; }
    /// <summary>The vulnerability a generated advisory describes.</summary>
    public Guid? VulnerabilityId { get; set; }
    /// <summary>What it is in its incident's communication set; null when it is not part of one.</summary>
    public IncidentPart? IncidentPart { get; set; }
    /// <summary>How long each approver has to read it, from its incident's severity; null leaves the category's deadlines.</summary>
    public TimeSpan? ReviewWindow { get; set; }
    /// <summary>How long each approver then has to decide, from its incident's severity.</summary>
    public TimeSpan? ApproveWindow { get; set; }
    /// <summary>The review round in which the quorum fallback was invoked; it waives <see cref="WaivedTeams"/> in that round only.</summary>
    public int? FallbackRound { get; set; }
    /// <summary>The approval stages the quorum fallback waived.</summary>
    public List<string> WaivedTeams { get; set; } = [];
    /// <summary>The segment its email goes to when it is published; null when it has no email audience.</summary>
    public Guid? AudienceSegmentId { get; set; }
    /// <summary>Its email goes to every contact of its incident's affected customers, as a mandatory notice.</summary>
    public bool AudienceAffectedCustomers { get; set; }
    /// <summary>Why its email is sent to no one: the recorded choice a communication that goes out only by email needs without an audience.</summary>
    public string? AudienceNoRecipientsReason { get; set; }
    /// <summary>Each recipient is asked to confirm receipt through a link in the message.</summary>
    public bool RequiresAcknowledgement { get; set; }
    /// <summary>Approved and armed to be published in the transaction that publishes its release.</summary>
    public bool ShipsWithRelease { get; private set; }
    /// <summary>Why it was last rejected, withdrawn or decided against public notification.</summary>
    public string? StatusReason { get; private set; }
    public List<Participant> Participants { get; init; } = [];

    public string Reference => $"SC-{Number}";
}

/// <summary>A person named on a communication, who may see it even when it is confidential.</summary>
public sealed class Participant
{
    public Guid CommunicationId { get; init; }
    public Guid UserId { get; init; }
}

internal sealed class CommunicationConfiguration : IEntityTypeConfiguration<Communication>
{
    public void Configure(EntityTypeBuilder<Communication> builder)
    {
        builder.ToTable("communications");
        builder.HasIndex(c => c.Number).IsUnique();
        builder.Property(c => c.Category).HasMaxLength(64);
        builder.Property(c => c.Title).HasMaxLength(ContentLimits.Title);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.CurrentContentHash).HasMaxLength(64);
        builder.Property(c => c.PackageHash).HasMaxLength(64);
        builder.Property(c => c.StatusReason).HasMaxLength(Workflow.WorkflowLimits.Reason);
        // Lists filter by status and category and read newest first, so the number completes the index.
        builder.HasIndex(c => new { c.Status, c.Category, c.Number });
        builder.HasOne<Releases.SecurityRelease>().WithMany().HasForeignKey(c => c.ReleaseId);
        builder.HasOne<Incidents.Incident>().WithMany().HasForeignKey(c => c.IncidentId);
        builder.Property(c => c.ReleasePart).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.IncidentPart).HasConversion<string>().HasMaxLength(24);
        builder.Property(c => c.WaivedTeams).HasConversion(Data.JsonColumn.Converter<List<string>>(), Data.JsonColumn.Comparer<string>());
        builder.HasOne<Vulnerabilities.Vulnerability>().WithMany().HasForeignKey(c => c.VulnerabilityId);
        builder.HasOne<Distribution.Segment>().WithMany().HasForeignKey(c => c.AudienceSegmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.Status, c.ScheduledAt });
        builder.HasMany(c => c.Participants).WithOne().HasForeignKey(p => p.CommunicationId);
        builder.Ignore(c => c.Reference);
    }
}

internal sealed class ParticipantConfiguration : IEntityTypeConfiguration<Participant>
{
    public void Configure(EntityTypeBuilder<Participant> builder)
    {
        builder.ToTable("communication_participants");
        builder.HasKey(p => new { p.CommunicationId, p.UserId });
        builder.HasIndex(p => p.UserId);
    }
}
