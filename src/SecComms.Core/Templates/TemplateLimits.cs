namespace SecComms.Core.Templates;

/// <summary>
/// The bounds every Liquid render runs under. A template comes from the policy, so a loop or recursion in it must not
/// be able to take the server's memory or time.
/// </summary>
public static class TemplateLimits
{
    /// <summary>Loop iterations and statements Fluid may execute in one render.</summary>
    public const int MaxSteps = 100_000;

    /// <summary>How deep includes and nested blocks may go.</summary>
    public const int MaxRecursion = 20;

    /// <summary>Characters one render may write, and the longest text an assign or capture may hold.</summary>
    public const int MaxOutput = 200_000;

    public static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(2);
}
