using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecComms.Core.Communications;

namespace SecComms.Core.Exceptions;

public enum ExceptionStatus
{
    Requested,
    Approved,
    Rejected,
    Revoked,
    /// <summary>Its period ended; an extension is a new request.</summary>
    Expired,
}

public enum RiskRating
{
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>
/// An entry in the policy exception register: a reasoned, time-limited permission to depart from one rule of the
/// procedure. An approved, unexpired exception for a communication is the only way to publish it past a failing gate.
/// </summary>
public sealed class PolicyExceptionEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>Short sequential number people use in conversation ("EX-5").</summary>
    public int Number { get; init; }
    /// <summary>The policy or rule departed from, in words.</summary>
    public required string Rule { get; init; }
    /// <summary>The communication it is for; null for an exception that is not about one communication.</summary>
    public Guid? CommunicationId { get; init; }
    /// <summary>The disclosure gates it lets the communication pass.</summary>
    public List<string> Gates { get; init; } = [];
    public required string Justification { get; init; }
    public required string AlternativesConsidered { get; init; }
    public required string CompensatingControls { get; init; }
    public RiskRating Risk { get; init; }
    /// <summary>How long it lasts once approved, at most the policy's maximum.</summary>
    public int PeriodDays { get; init; }
    public Guid RequestedById { get; init; }
    public DateTimeOffset RequestedAt { get; init; }
    /// <summary>The exception this request extends; the original stays as it was.</summary>
    public Guid? ExtendsId { get; init; }
    public ExceptionStatus Status { get; set; }
    public Guid? DecidedById { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionComment { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public Guid? RevokedById { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevocationReason { get; set; }
    /// <summary>The hash of the policy in force when it was decided.</summary>
    public string? PolicyHash { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public string Reference => $"EX-{Number}";

    /// <summary>Whether it is approved and its period has not ended at <paramref name="at"/>.</summary>
    public bool IsInForce(DateTimeOffset at) => Status == ExceptionStatus.Approved && at < ExpiresAt;
}

internal sealed class PolicyExceptionConfiguration : IEntityTypeConfiguration<PolicyExceptionEntry>
{
    public void Configure(EntityTypeBuilder<PolicyExceptionEntry> builder)
    {
        builder.ToTable("policy_exceptions");
        builder.HasIndex(e => e.Number).IsUnique();
        builder.HasIndex(e => new { e.Status, e.ExpiresAt });
        builder.HasIndex(e => e.CommunicationId);
        builder.HasOne<Communication>().WithMany().HasForeignKey(e => e.CommunicationId);
        builder.HasOne<PolicyExceptionEntry>().WithMany().HasForeignKey(e => e.ExtendsId);
        builder.Property(e => e.Rule).HasMaxLength(ExceptionLimits.Rule);
        builder.Property(e => e.Gates).HasMaxLength(200).HasConversion(
            gates => string.Join(',', gates),
            text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(),
            new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), g => string.Join(',', g).GetHashCode(StringComparison.Ordinal), g => g.ToList()));
        builder.Property(e => e.Justification).HasMaxLength(ExceptionLimits.Text);
        builder.Property(e => e.AlternativesConsidered).HasMaxLength(ExceptionLimits.Text);
        builder.Property(e => e.CompensatingControls).HasMaxLength(ExceptionLimits.Text);
        builder.Property(e => e.Risk).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.DecisionComment).HasMaxLength(ExceptionLimits.Text);
        builder.Property(e => e.RevocationReason).HasMaxLength(ExceptionLimits.Text);
        builder.Property(e => e.PolicyHash).HasMaxLength(64);
        builder.Ignore(e => e.Reference);
    }
}

public static class ExceptionLimits
{
    public const int Rule = 200;
    public const int Text = 4000;
}
