namespace SecComms.Web.Advisories;

/// <summary>How the public site names itself and where it is reached (<c>PublicSite</c> in settings).</summary>
public sealed class PublicSiteOptions
{
    public const string Section = "PublicSite";

    /// <summary>
    /// The address people reach the site at, such as <c>https://security.example.com/</c>. Absolute links and feed ids are
    /// built from it; when empty, from the scheme and host of each request.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>The name of the site and its feed.</summary>
    public string Title { get; set; } = "Security advisories";

    /// <summary>Who the feed names as the author of every entry.</summary>
    public string Author { get; set; } = "Security team";

    internal static bool IsValidBaseUrl(string? value) =>
        string.IsNullOrEmpty(value)
        || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Query.Length == 0 && uri.Fragment.Length == 0);
}
