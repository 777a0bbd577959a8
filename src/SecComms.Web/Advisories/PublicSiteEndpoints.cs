using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SecComms.Core.Advisories;

namespace SecComms.Web.Advisories;

/// <summary>The public site's settings, caching and feeds; its HTML pages are under Pages/Advisories.</summary>
public static class PublicSiteEndpoints
{
    public static IServiceCollection AddPublicSite(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PublicSiteOptions>()
            .Bind(configuration.GetSection(PublicSiteOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Title) && !string.IsNullOrWhiteSpace(o.Author), "PublicSite:Title and PublicSite:Author must not be empty.")
            .Validate(o => o.IsValidOutputCacheDuration(), "PublicSite:OutputCacheDuration must be between 00:00:00 (off) and 00:05:00, the time browsers and proxies may keep a public page.")
            .Validate(o => o.SecurityTxt.HasValidContacts(), $"{SecurityTxtOptions.Section}:Contact must be mailto:, https: or tel: addresses, such as mailto:security@example.com.")
            .Validate(o => o.SecurityTxt.HasValidExpiry(), $"{SecurityTxtOptions.Section}:ExpiresAfterDays must be between 1 and {SecurityTxtOptions.MaxExpiresAfterDays}: RFC 9116 asks for an expiry less than a year ahead.")
            .Validate(o => o.SecurityTxt.HasValidEncryption(), $"{SecurityTxtOptions.Section}:Encryption must be the https:, dns: or openpgp4fpr: address of a key, not the key itself.")
            .Validate(o => o.SecurityTxt.HasValidPages(), $"{SecurityTxtOptions.Section}:Acknowledgments, Policy and Hiring must be https addresses.")
            .Validate(o => o.SecurityTxt.HasValidLanguages(), $"{SecurityTxtOptions.Section}:PreferredLanguages must be language tags separated by commas, such as \"en, de\".")
            .ValidateOnStart();
        services.AddScoped<PublicSite>();
        services.AddSingleton<PublicOutputCache>();
        services.AddOutputCache(o => o.UseCaseSensitivePaths = true);
        return services;
    }

    /// <summary>
    /// Answers public pages and feeds from memory when it can, and gives them their caching headers; goes after routing,
    /// before authentication.
    /// </summary>
    /// <remarks>
    /// Paths are told apart by case: only <c>SC-12</c> names an entry, and <c>sc-12</c> must not get its kept copy. The
    /// output cache comes first, so a kept response is sent as it is, its ETag and caching headers included.
    /// </remarks>
    public static IApplicationBuilder UsePublicResponses(this IApplicationBuilder app) => app.UseOutputCache().UseMiddleware<PublicResponses>();

    /// <remarks>
    /// Left out of the OpenAPI document, which describes the API that takes a token. The feed is written whole for HEAD
    /// as well, so that its ETag, taken over the bytes, is the same for both. <c>?product=</c> narrows it to the entries
    /// about one product, under the feed's own address, so each product's feed is kept apart.
    /// </remarks>
    public static IEndpointRouteBuilder MapPublicSiteEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/" + PublicSite.FeedPath, [HttpMethods.Get, HttpMethods.Head], async Task (string? product, PublicEntries entries, PublicSite site,
                HttpResponse response, CancellationToken ct) =>
            {
                var about = string.IsNullOrEmpty(product) ? null : product;
                var feed = await entries.FeedAsync(about, ct);
                response.GetTypedHeaders().LastModified = feed.Updated;
                response.ContentType = AtomFeed.MediaType + "; charset=utf-8";
                await response.Body.WriteAsync(AtomFeed.Write(feed, site.FeedInfo(about)), ct);
            })
            .AllowAnonymous()
            .WithMetadata(new PublicResponseAttribute("product"))
            .WithName("AdvisoryFeed")
            .WithSummary("Atom feed of the newest published advisories, of all or of one product (?product=).")
            .ExcludeFromDescription();
        app.MapMethods("/" + SecurityTxt.WellKnownPath, [HttpMethods.Get, HttpMethods.Head], Results<ContentHttpResult, NotFound> (IOptions<PublicSiteOptions> options,
                PublicSite site, TimeProvider time) =>
            {
                var settings = options.Value.SecurityTxt;
                return settings.IsServed
                    ? TypedResults.Text(SecurityTxt.Write(settings, site.SecurityTxt, time.GetUtcNow()), SecurityTxt.MediaType)
                    : TypedResults.NotFound();
            })
            .AllowAnonymous()
            .WithMetadata(new PublicResponseAttribute())
            .WithName("SecurityTxt")
            .WithSummary("How to report a vulnerability (RFC 9116).")
            .ExcludeFromDescription();
        app.MapMethods("/" + SecurityTxt.LegacyPath, [HttpMethods.Get, HttpMethods.Head], (PublicSite site) => TypedResults.Redirect(site.SecurityTxt.AbsoluteUri, permanent: true))
            .AllowAnonymous()
            .WithName("LegacySecurityTxt")
            .WithSummary("The legacy address of security.txt, sent on to the one under /.well-known/.")
            .ExcludeFromDescription();
        return app;
    }
}
