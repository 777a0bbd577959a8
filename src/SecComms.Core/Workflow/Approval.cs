using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecComms.Core.Communications;

namespace SecComms.Core.Workflow;

public enum ApprovalKind
{
    Approve,
    Consult,
}

public enum ApprovalDecision
{
    Approved,
    Rejected,
    Advice,
}

/// <summary>
/// One decision on one revision of a communication. It counts only while the communication is still at that revision
/// and content hash in the same review round; an edit leaves it in the record but stops it counting.
/// </summary>
public sealed class Approval
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CommunicationId { get; init; }
    /// <summary>The index of the approval stage in the category's policy; null for a consult.</summary>
    public int? Stage { get; init; }
    public required string Team { get; init; }
    public ApprovalKind Kind { get; init; }
    public ApprovalDecision Decision { get; init; }
    public Guid ApproverId { get; init; }
    /// <summary>The review round (one per submission) the decision was taken in.</summary>
    public int Round { get; init; }
    public int RevisionNumber { get; init; }
    public required string ContentHash { get; init; }
    /// <summary>The disclosure package the approver read; null for decisions taken before package hashes.</summary>
    public string? PackageHash { get; init; }
    public required string PolicyHash { get; init; }
    public string? Comment { get; init; }
    public DateTimeOffset At { get; init; }

    /// <summary>Whether this is a blocking approval that still holds for the communication as it now stands.</summary>
    public bool CountsFor(Communication communication) =>
        Kind == ApprovalKind.Approve && Decision == ApprovalDecision.Approved && Round == communication.ReviewRound
        && RevisionNumber == communication.CurrentRevision && ContentHash == communication.CurrentContentHash
        && PackageHash == communication.PackageHash;
}

internal sealed class ApprovalConfiguration : IEntityTypeConfiguration<Approval>
{
    public void Configure(EntityTypeBuilder<Approval> builder)
    {
        builder.ToTable("approvals");
        builder.HasOne<Communication>().WithMany().HasForeignKey(a => a.CommunicationId);
        builder.HasIndex(a => new { a.CommunicationId, a.Round });
        builder.Property(a => a.Team).HasMaxLength(64);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Decision).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.ContentHash).HasMaxLength(64);
        builder.Property(a => a.PackageHash).HasMaxLength(64);
        builder.Property(a => a.PolicyHash).HasMaxLength(64);
        builder.Property(a => a.Comment).HasMaxLength(WorkflowLimits.Comment);
    }
}
