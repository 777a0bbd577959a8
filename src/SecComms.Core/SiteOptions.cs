namespace SecComms.Core;

/// <summary>Where people reach this SecComms, its pages and its public site; bound from the <c>SecComms</c> section.</summary>
public sealed class SiteOptions
{
    public const string Section = "SecComms";

    public const string BaseUrlKey = Section + ":" + nameof(BaseUrl);

    /// <summary>
    /// The one address of the web UI and the public advisory site, such as <c>https://security.example.com</c>. Every
    /// link that is sent or kept (email, webhooks, feeds, generated posts, CSAF metadata) is built from it, never from
    /// the address a request happened to use.
    /// </summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The base address with a trailing slash, which every absolute link is relative to.</summary>
    public Uri Root => BaseUrl is { } configured
        ? new Uri(configured.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/")
        : throw new InvalidOperationException($"{BaseUrlKey} is not set: links cannot be written without the address people reach SecComms at.");

    /// <summary>An absolute link to <paramref name="path"/>, which starts with a slash.</summary>
    public string Link(string path) => Root.AbsoluteUri.TrimEnd('/') + path;

    /// <summary>Whether <paramref name="value"/> can be the base address: absolute http or https, with no query or fragment.</summary>
    public static bool IsValidBaseUrl(Uri? value) =>
        value is null || (value.IsAbsoluteUri && value.Scheme is "http" or "https" && value.Query.Length == 0 && value.Fragment.Length == 0);
}
