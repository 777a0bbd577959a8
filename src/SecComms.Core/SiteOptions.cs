namespace SecComms.Core;

/// <summary>Where people reach this SecComms; bound from the <c>SecComms</c> configuration section.</summary>
public sealed class SiteOptions
{
    public const string Section = "SecComms";

    /// <summary>
    /// The public address of the web UI, such as <c>https://seccomms.example.com</c>, used for links in email. Without
    /// it, messages carry paths such as <c>/communications/{id}</c> only.
    /// </summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>An absolute link to <paramref name="path"/> when the base URL is known, else the path itself.</summary>
    public string Link(string path) =>
        BaseUrl is null ? path : BaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + path;
}
