namespace SecComms.Web.Advisories;

/// <summary>How the public site names itself and where it is reached (<c>PublicSite</c> in settings).</summary>
public sealed class PublicSiteOptions
{
    public const string Section = "PublicSite";

    /// <summary>How long browsers and shared caches may keep a public response (<c>max-age</c>).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    /// <summary>The name of the site and its feed.</summary>
    public string Title { get; set; } = "Security advisories";

    /// <summary>Who the feed names as the author of every entry.</summary>
    public string Author { get; set; } = "Security team";

    /// <summary>
    /// How long each node keeps a public response in memory and answers from it; zero turns that off. A publication
    /// through a node shows on that node at once; on the others, within this time.
    /// </summary>
    public TimeSpan OutputCacheDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>What <c>/.well-known/security.txt</c> says.</summary>
    public SecurityTxtOptions SecurityTxt { get; set; } = new();

    /// <remarks>
    /// Never longer than the <c>max-age</c> promised to browsers: with the <c>Age</c> header a kept response carries, a
    /// publication then reaches every reader within <see cref="MaxAge"/> whichever node answers them.
    /// </remarks>
    internal bool IsValidOutputCacheDuration() => OutputCacheDuration >= TimeSpan.Zero && OutputCacheDuration <= MaxAge;
}
