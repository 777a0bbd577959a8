using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecComms.Core.Notifications;

/// <summary>
/// One email to one person about the work they are asked to do, written in the same transaction as the change that
/// causes it and sent afterwards. The key makes each reason to notify produce one message, however often it is seen.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>What the message is about and for whom, such as "stage-open:{communication}:{round}:{stage}:{user}".</summary>
    public required string Key { get; init; }
    public required string Recipient { get; init; }
    public required string Subject { get; init; }
    public required string Body { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>How far the audit trail has been read for notifications; a single row.</summary>
public sealed class NotificationCursor
{
    /// <summary>The id of the one row: the planner has a single position in the audit trail.</summary>
    public const int OnlyId = 1;

    public int Id { get; init; } = OnlyId;
    public long LastSequence { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications");
        builder.HasIndex(n => n.Key).IsUnique();
        builder.HasIndex(n => new { n.SentAt, n.NextAttemptAt });
        builder.Property(n => n.Key).HasMaxLength(300);
        builder.Property(n => n.Recipient).HasMaxLength(320);
        builder.Property(n => n.Subject).HasMaxLength(300);
        builder.Property(n => n.LastError).HasMaxLength(2000);
    }
}

internal sealed class NotificationCursorConfiguration : IEntityTypeConfiguration<NotificationCursor>
{
    public void Configure(EntityTypeBuilder<NotificationCursor> builder)
    {
        builder.ToTable("notification_cursor");
        builder.Property(c => c.Id).ValueGeneratedNever();
    }
}
