using SecComms.Core.Advisories;

namespace SecComms.Web.Advisories;

/// <summary>The public site's settings, caching and feeds; its HTML pages are under Pages/Advisories.</summary>
public static class PublicSiteEndpoints
{
    public static IServiceCollection AddPublicSite(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PublicSiteOptions>()
            .Bind(configuration.GetSection(PublicSiteOptions.Section))
            .Validate(o => PublicSiteOptions.IsValidBaseUrl(o.BaseUrl), "PublicSite:BaseUrl must be an absolute http or https address, such as https://security.example.com/.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Title) && !string.IsNullOrWhiteSpace(o.Author), "PublicSite:Title and PublicSite:Author must not be empty.")
            .ValidateOnStart();
        services.AddScoped<PublicSite>();
        return services;
    }

    /// <summary>Gives public pages and feeds their caching headers; goes after routing, before authentication.</summary>
    public static IApplicationBuilder UsePublicResponses(this IApplicationBuilder app) => app.UseMiddleware<PublicResponses>();

    /// <remarks>
    /// Left out of the OpenAPI document, which describes the API that takes a token. The feed is written whole for HEAD
    /// as well, so that its ETag, taken over the bytes, is the same for both.
    /// </remarks>
    public static IEndpointRouteBuilder MapPublicSiteEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/" + PublicSite.FeedPath, [HttpMethods.Get, HttpMethods.Head], async Task (PublicEntries entries, PublicSite site,
                HttpResponse response, CancellationToken ct) =>
            {
                var feed = await entries.FeedAsync(ct);
                response.GetTypedHeaders().LastModified = feed.Updated;
                response.ContentType = AtomFeed.MediaType + "; charset=utf-8";
                await response.Body.WriteAsync(AtomFeed.Write(feed, site.FeedInfo()), ct);
            })
            .AllowAnonymous()
            .WithMetadata(new PublicResponseAttribute())
            .WithName("AdvisoryFeed")
            .WithSummary("Atom feed of the newest published advisories.")
            .ExcludeFromDescription();
        return app;
    }
}
