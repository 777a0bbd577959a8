namespace SecComms.Core.Identity;

/// <summary>Sign-in and token rules; bound from the <c>Identity</c> configuration section.</summary>
public sealed class AccountOptions
{
    public const string Section = "Identity";

    public int MaxFailedSignIns { get; set; } = 5;
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
    public int MinimumPasswordLength { get; set; } = 12;
    public int DefaultTokenLifetimeDays { get; set; } = 90;
    public int MaximumTokenLifetimeDays { get; set; } = 366;
}
