using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Testing;

namespace SecComms.Web.Tests.Authorization;

public static class ApiEndpoints
{
    /// <summary>Every method and route pattern the application maps under <c>/api/v1</c>, from its own endpoint data sources.</summary>
    public static IReadOnlySet<string> Of(SecCommsApp app) =>
        app.Services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => Key(m, e.RoutePattern.RawText!)))
            .ToHashSet(StringComparer.Ordinal);

    public static string Key(string method, string pattern) => $"{method} {pattern.TrimEnd('/')}";
}
