using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecComms.Core.Audit;

/// <summary>One link of the append-only audit chain: <c>Hash = SHA-256(PrevHash || canonical event)</c>.</summary>
public sealed class AuditEvent
{
    public long Seq { get; init; }
    public DateTimeOffset At { get; init; }
    public required string Actor { get; init; }
    public required string Action { get; init; }
    public required string Entity { get; init; }
    /// <summary>JSON object describing the change, hashed exactly as stored.</summary>
    public required string Data { get; init; }
    public required string PrevHash { get; init; }
    public required string Hash { get; init; }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("audit_events");
        builder.HasKey(e => e.Seq);
        builder.Property(e => e.Seq).ValueGeneratedNever();
        builder.Property(e => e.Actor).HasMaxLength(320);
        builder.Property(e => e.Action).HasMaxLength(100);
        builder.Property(e => e.Entity).HasMaxLength(200);
        builder.Property(e => e.PrevHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.HasIndex(e => e.Entity);
        // Filtering by action pages by sequence number within it.
        builder.HasIndex(e => new { e.Action, e.Seq });
    }
}
