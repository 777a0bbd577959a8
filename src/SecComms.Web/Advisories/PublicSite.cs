using System.Globalization;
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

    /// <summary>Whether security.txt is served, which it is only once a contact is set.</summary>
    public bool HasSecurityTxt => options.Value.SecurityTxt.IsServed;

    public Uri CsafProviderMetadata => Address(CsafProvider.MetadataPath);

    public Uri Entry(string reference) => Address($"{ListPath}/{Uri.EscapeDataString(reference)}");

    /// <summary>An advisory's machine-readable form: <c>…/advisories/SC-12/csaf.json</c>.</summary>
    public Uri Export(string reference, string format) => Address($"{ListPath}/{Uri.EscapeDataString(reference)}/{format}.json");

    /// <summary>The list as <paramref name="filter"/> narrows it, from the entry after <paramref name="cursor"/>.</summary>
    public Uri ListOf(PublicEntryFilter filter, string? cursor = null) => Address(ListPath + Query(
        ("q", filter.Text),
        ("severity", filter.Severity?.ToLowerInvariant()),
        ("product", filter.Product),
        ("year", filter.Year?.ToString(CultureInfo.InvariantCulture)),
        ("cursor", cursor)));

    /// <summary>The feed of the entries about <paramref name="product"/>, or of all when null.</summary>
    public Uri FeedOf(string? product) => Address(FeedPath + Query(("product", product)));

    public AtomFeedInfo FeedInfo(string? product = null) => new(
        product is null ? Title : $"{Title}: {product}", options.Value.Author, FeedOf(product),
        ListOf(new PublicEntryFilter(Product: product)), e => Entry(e.Reference));

    private Uri Address(string path) => new(Home, path);

    private static string Query(params (string Key, string? Value)[] parameters)
    {
        var given = new List<string>();
        foreach (var (key, value) in parameters)
        {
            if (!string.IsNullOrEmpty(value))
            {
                given.Add($"{key}={Uri.EscapeDataString(value)}");
            }
        }
        return given.Count == 0 ? "" : "?" + string.Join('&', given);
    }
}
