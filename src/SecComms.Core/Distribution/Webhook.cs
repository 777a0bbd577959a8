using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecComms.Core.Data;

namespace SecComms.Core.Distribution;

public enum WebhookFormat
{
    /// <summary>SecComms' own JSON event.</summary>
    Json,
    /// <summary>A Slack-compatible <c>{"text": …}</c> message, which most chat tools accept.</summary>
    Slack,
}

/// <summary>An outbound endpoint told when communications are published, each request signed with HMAC-SHA256.</summary>
public sealed class Webhook
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string Url { get; set; }
    /// <summary>The shared key the receiver checks the signature with.</summary>
    public required string Secret { get; set; }
    public WebhookFormat Format { get; set; }
    /// <summary>
    /// The categories it is told about, confidential communications in them included (with their text only if its owner
    /// may read them); empty means every communication that is not confidential.
    /// </summary>
    public List<string> Categories { get; set; } = [];
    public bool Active { get; set; } = true;
    /// <summary>
    /// Who last saved it, whose reading rights decide whether it carries a confidential communication's text; none for
    /// webhooks saved before webhooks had owners, which carry no confidential text.
    /// </summary>
    public Guid? OwnerId { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One event for one webhook, written with the publication that causes it and sent like an email delivery.</summary>
public sealed class WebhookDelivery
{
    public long Id { get; init; }
    public Guid WebhookId { get; init; }
    public Guid CommunicationId { get; init; }
    public required string Event { get; init; }
    /// <summary>The exact body that is signed and sent, the same at every attempt.</summary>
    public required string Payload { get; init; }
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>Why the last attempt did not deliver it; null once delivered.</summary>
    public WebhookFailure? Failure { get; set; }
}

internal sealed class WebhookConfiguration : IEntityTypeConfiguration<Webhook>
{
    public void Configure(EntityTypeBuilder<Webhook> builder)
    {
        builder.ToTable("webhooks");
        builder.Property(w => w.Name).HasMaxLength(AudienceLimits.Name);
        builder.Property(w => w.Url).HasMaxLength(2000);
        builder.Property(w => w.Secret).HasMaxLength(200);
        builder.Property(w => w.Format).HasConversion<string>().HasMaxLength(16);
        builder.Property(w => w.Categories).HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<string>());
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.HasIndex(d => new { d.NextAttemptAt, d.Id }).HasDatabaseName("IX_webhook_deliveries_pending")
            .HasFilter($"\"Status\" IN ('{nameof(DeliveryStatus.Queued)}', '{nameof(DeliveryStatus.Deferred)}')");
        builder.HasIndex(d => d.WebhookId);
        builder.Property(d => d.Event).HasMaxLength(64);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Failure).HasConversion<string>().HasMaxLength(32);
        builder.HasOne<Webhook>().WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
    }
}
