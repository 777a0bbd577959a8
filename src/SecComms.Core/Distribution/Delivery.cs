using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecComms.Core.Distribution;

public enum DeliveryStatus
{
    /// <summary>Waiting for its first attempt.</summary>
    Queued,
    /// <summary>A temporary failure (a 4xx reply, a dropped connection, a relay that is down); tried again later.</summary>
    Deferred,
    /// <summary>The relay accepted it.</summary>
    Sent,
    /// <summary>Refused for good (a 5xx reply), or deferred too many times.</summary>
    Failed,
}

/// <summary>
/// One recipient of a dispatch, written before anything is sent, so that the list of who must receive the message
/// survives any crash. A sender claims rows for a lease and records each outcome soon after the relay answers.
/// </summary>
public sealed class Delivery
{
    public long Id { get; init; }
    public Guid DispatchId { get; init; }
    public Guid? ContactId { get; init; }
    public Guid? OrganizationId { get; init; }
    public required string Email { get; init; }
    public required string Name { get; init; }
    public string? Organization { get; init; }
    public string? ProductVersion { get; init; }
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>A sender owns the row until then; after a crash the lease runs out and another sender takes it.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? LastError { get; set; }
}

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> builder)
    {
        builder.ToTable("deliveries");
        // Senders take pending rows in this order; the index holds only pending rows, so it stays small however many were sent.
        builder.HasIndex(d => new { d.NextAttemptAt, d.Id }).HasDatabaseName("IX_deliveries_pending")
            .HasFilter($"\"Status\" IN ('{nameof(DeliveryStatus.Queued)}', '{nameof(DeliveryStatus.Deferred)}')");
        builder.HasIndex(d => new { d.DispatchId, d.Status });
        builder.HasIndex(d => new { d.DispatchId, d.OrganizationId });
        builder.Property(d => d.Email).HasMaxLength(AudienceLimits.Email);
        builder.Property(d => d.Name).HasMaxLength(AudienceLimits.Name);
        builder.Property(d => d.Organization).HasMaxLength(AudienceLimits.Name);
        builder.Property(d => d.ProductVersion).HasMaxLength(AudienceLimits.Attribute);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.LastError).HasMaxLength(1000);
        builder.HasOne<Dispatch>().WithMany().HasForeignKey(d => d.DispatchId).OnDelete(DeleteBehavior.Cascade);
    }
}
