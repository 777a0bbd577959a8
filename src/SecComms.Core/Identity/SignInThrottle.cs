using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecComms.Core.Identity;

/// <summary>What a sign-in failure is counted against.</summary>
public enum ThrottleScope
{
    /// <summary>One client address, whatever emails it tries.</summary>
    Client,
    /// <summary>One client address trying one email.</summary>
    ClientAndAccount,
    /// <summary>One email, from every client address; devices the account knows pass it.</summary>
    Account,
}

/// <summary>The failed sign-ins counted against one key in the current window, kept in the database so every web node sees them.</summary>
public sealed class SignInThrottle
{
    /// <summary>
    /// Lowercase hex SHA-256 of the scope and its client address and email. Only the hash is kept: what people type as an
    /// email is sometimes their password.
    /// </summary>
    public required string Key { get; init; }
    public int Failures { get; set; }
    public DateTimeOffset WindowStartedAt { get; set; }
    public DateTimeOffset LastFailureAt { get; set; }
}

internal sealed class SignInThrottleConfiguration : IEntityTypeConfiguration<SignInThrottle>
{
    public void Configure(EntityTypeBuilder<SignInThrottle> builder)
    {
        builder.ToTable("sign_in_throttles");
        builder.HasKey(t => t.Key);
        builder.Property(t => t.Key).HasMaxLength(64);
        builder.HasIndex(t => t.LastFailureAt);
    }
}
