using Microsoft.Extensions.Options;
using SecComms.Core.Advisories;

namespace SecComms.Web.Advisories;

/// <summary>The public site's name and absolute addresses, for the request being answered.</summary>
public sealed class PublicSite(IOptions<PublicSiteOptions> options, IHttpContextAccessor http)
{
    public const string ListPath = "advisories";
    public const string FeedPath = "advisories/feed.atom";

    public string Title => options.Value.Title;

    /// <summary>The site's root, which every public address is relative to.</summary>
    public Uri Home => Root();

    public Uri List => Address(ListPath);

    public Uri Feed => Address(FeedPath);

    public Uri SecurityTxt => Address(Advisories.SecurityTxt.WellKnownPath);

    public Uri Entry(string reference) => Address($"{ListPath}/{Uri.EscapeDataString(reference)}");

    public AtomFeedInfo FeedInfo() => new(Title, options.Value.Author, Feed, List, e => Entry(e.Reference));

    private Uri Address(string path) => new(Root(), path);

    /// <remarks>Without a configured address, the request's own: the site then answers correctly under any name it is reached by.</remarks>
    private Uri Root()
    {
        if (options.Value.BaseUrl is { Length: > 0 } configured)
        {
            return new Uri(configured.EndsWith('/') ? configured : configured + "/");
        }
        var request = http.HttpContext?.Request ?? throw new InvalidOperationException("Public addresses are built while answering a request.");
        return new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
    }
}
