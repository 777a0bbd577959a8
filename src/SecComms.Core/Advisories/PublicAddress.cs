namespace SecComms.Core.Advisories;

/// <summary>Where the public advisory site is reached, for links written into communications (<c>PublicSite:BaseUrl</c>).</summary>
public sealed class PublicAddress
{
    public const string Section = "PublicSite";

    public string? BaseUrl { get; set; }

    /// <summary>An absolute link to <paramref name="path"/> when the site's address is set, else the path itself.</summary>
    public string Link(string path) => string.IsNullOrEmpty(BaseUrl) ? path : BaseUrl.TrimEnd('/') + path;
}
