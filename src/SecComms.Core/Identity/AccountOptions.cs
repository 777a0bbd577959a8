namespace SecComms.Core.Identity;

/// <summary>Sign-in and token rules; bound from the <c>Identity</c> configuration section.</summary>
public sealed class AccountOptions
{
    public const string Section = "Identity";

    /// <summary>Failed sign-ins one client address may make, on any accounts, before each further one is delayed.</summary>
    public int SignInFailuresPerClient { get; set; } = 30;

    /// <summary>Failed sign-ins one client address may make on one email before each further one is delayed.</summary>
    public int SignInFailuresPerClientAndAccount { get; set; } = 5;

    /// <summary>Failed sign-ins on one email, from all client addresses together, before each further one is delayed for devices the account does not know.</summary>
    public int SignInFailuresPerAccount { get; set; } = 10;

    /// <summary>The first delay once failures pass one of the counts above; it doubles with each further failure.</summary>
    public TimeSpan SignInFirstDelay { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan SignInMaximumDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long failures are counted from the first one; the count then starts again.</summary>
    public TimeSpan SignInFailureWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a browser stays a known device of the person who signed in on it.</summary>
    public TimeSpan KnownDeviceLifetime { get; set; } = TimeSpan.FromDays(180);

    public int MinimumPasswordLength { get; set; } = 12;
    public int DefaultTokenLifetimeDays { get; set; } = 90;
    public int MaximumTokenLifetimeDays { get; set; } = 366;
}
