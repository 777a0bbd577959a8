using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Testing;

namespace SecComms.Web.Tests.Authorization;

/// <summary>
/// Every endpoint the application maps, read from its own endpoint data sources, as the keys the matrix's expectations
/// are listed under: <c>POST /api/v1/communications/{id:guid}/submit</c>, <c>GET /advisories/feed.atom</c>,
/// <c>POST /communications/{id:guid}?handler=Submit</c>.
/// </summary>
public static class AppEndpoints
{
    public static IReadOnlySet<string> Api(SecCommsApp app) => Set(Routes(app).Where(r => IsApi(r.Pattern)).SelectMany(Keys));

    /// <summary>Everything that is neither the API nor a page: the public site's documents, exports, feeds and probes.</summary>
    /// <remarks>HEAD runs the GET handler, so only GET is listed; an endpoint for any method is asked with GET.</remarks>
    public static IReadOnlySet<string> Public(SecCommsApp app) =>
        Set(Routes(app).Where(r => !IsApi(r.Pattern) && r.Page is null).SelectMany(Keys).Where(k => !k.StartsWith("HEAD ", StringComparison.Ordinal))
            .Select(k => k.StartsWith("ANY ", StringComparison.Ordinal) ? "GET " + k[4..] : k));

    /// <summary>Every handler of every page, from the page model's <c>OnGet…</c> and <c>OnPost…</c> methods.</summary>
    public static IReadOnlySet<string> Pages(SecCommsApp app) =>
        Set(from route in Routes(app)
            where route.Page is not null
            from handler in route.Page!.HandlerMethods
            select PageKey(handler.HttpMethod.ToUpperInvariant(), "/" + route.Pattern, handler.Name));

    public static string Key(string method, string pattern) => $"{method} {pattern.TrimEnd('/')}";

    public static string PageKey(string method, string route, string? handler) =>
        $"{method} {route}{(string.IsNullOrEmpty(handler) ? "" : "?handler=" + handler)}";

    private static bool IsApi(string pattern) => pattern.StartsWith("/api/v1", StringComparison.Ordinal);

    private static IEnumerable<string> Keys((string Pattern, IReadOnlyList<string> Methods, CompiledPageActionDescriptor? Page) route) =>
        route.Methods.Select(m => Key(m, route.Pattern));

    private static IEnumerable<(string Pattern, IReadOnlyList<string> Methods, CompiledPageActionDescriptor? Page)> Routes(SecCommsApp app) =>
        from endpoint in app.Services.GetServices<EndpointDataSource>().SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
        select (endpoint.RoutePattern.RawText ?? "", endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"],
            endpoint.Metadata.GetMetadata<CompiledPageActionDescriptor>());

    private static HashSet<string> Set(IEnumerable<string> keys) => keys.ToHashSet(StringComparer.Ordinal);
}
