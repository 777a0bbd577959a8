using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecComms.Core.Distribution;

public enum DispatchKind
{
    /// <summary>The email channel of a published communication, to its audience.</summary>
    Publication,
    /// <summary>The rendered message sent to its approvers before publication.</summary>
    Test,
}

/// <summary>
/// One sending of a communication's email: the approved subject and body, and one <see cref="Delivery"/> per recipient,
/// all written in the transaction that publishes the communication.
/// </summary>
public sealed class Dispatch
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CommunicationId { get; init; }
    /// <summary>The revision whose email variant is sent.</summary>
    public int Revision { get; init; }
    public DispatchKind Kind { get; init; }
    /// <summary>Who it goes to, in words: a segment's name or an incident's affected customers.</summary>
    public required string Audience { get; init; }
    /// <summary>Sent whether or not the recipient subscribed, and without an unsubscribe link.</summary>
    public bool Mandatory { get; init; }
    /// <summary>Sent without the normal rate limit, as the policy allows emergency messages.</summary>
    public bool Emergency { get; init; }
    /// <summary>Each message carries a link by which the customer confirms receipt.</summary>
    public bool RequiresAcknowledgement { get; init; }
    /// <summary>The approved subject; Liquid placeholders are filled per recipient.</summary>
    public required string Subject { get; init; }
    public required string Body { get; init; }
    /// <summary>The linked release's affected ranges in words, for <c>{{ affected_versions }}</c>.</summary>
    public string AffectedVersions { get; init; } = "";
    /// <summary>The versions the linked release ships, for <c>{{ fixed_versions }}</c>.</summary>
    public string FixedVersions { get; init; } = "";
    public int Recipients { get; set; }
    /// <summary>Signs each recipient's acknowledgement link.</summary>
    public required string Secret { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>When the last recipient got an outcome (sent or failed); null while any is queued or deferred.</summary>
    public DateTimeOffset? CompletedAt { get; set; }
}

internal sealed class DispatchConfiguration : IEntityTypeConfiguration<Dispatch>
{
    public void Configure(EntityTypeBuilder<Dispatch> builder)
    {
        builder.ToTable("dispatches");
        builder.HasIndex(d => d.CommunicationId);
        builder.HasIndex(d => d.CompletedAt);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Audience).HasMaxLength(300);
        builder.Property(d => d.Subject).HasMaxLength(1000);
        builder.Property(d => d.Secret).HasMaxLength(64);
        builder.Property(d => d.AffectedVersions).HasMaxLength(1000);
        builder.Property(d => d.FixedVersions).HasMaxLength(1000);
        builder.Property(d => d.CreatedBy).HasMaxLength(AudienceLimits.Email);
        builder.HasOne<Communications.Communication>().WithMany().HasForeignKey(d => d.CommunicationId).OnDelete(DeleteBehavior.Restrict);
    }
}
