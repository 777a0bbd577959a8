using Microsoft.Extensions.Options;
using SecComms.Core;
using SecComms.Core.Advisories;

namespace SecComms.Web.Advisories;

/// <summary>
/// The public site's name and absolute addresses, all under <c>SecComms:BaseUrl</c>: what is cached or sent never takes
/// its host from the request it was made for.
/// </summary>
public sealed class PublicSite(IOptions<PublicSiteOptions> options, IOptions<SiteOptions> site)
{
    public const string ListPath = "advisories";
    public const string FeedPath = "advisories/feed.atom";

    public string Title => options.Value.Title;

    /// <summary>The site's root, which every public address is relative to.</summary>
    public Uri Home => site.Value.Root;

    public Uri List => Address(ListPath);

    public Uri Feed => Address(FeedPath);

    public Uri SecurityTxt => Address(Advisories.SecurityTxt.WellKnownPath);

    public Uri Entry(string reference) => Address($"{ListPath}/{Uri.EscapeDataString(reference)}");

    public AtomFeedInfo FeedInfo() => new(Title, options.Value.Author, Feed, List, e => Entry(e.Reference));

    private Uri Address(string path) => new(Home, path);
}
