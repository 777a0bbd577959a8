using Microsoft.AspNetCore.OutputCaching;

namespace SecComms.Web.Advisories;

/// <summary>
/// Marks a page or endpoint of the public site: anonymous, the same for every visitor, so shared caches may keep it.
/// <see cref="PublicResponses"/> gives such responses their caching headers, and <see cref="PublicOutputCache"/> keeps
/// them in memory.
/// </summary>
/// <param name="queryKeys">
/// The query parameters that choose what the response shows, each value kept apart; any other parameter is left out of
/// the output cache's key, so made-up queries cannot fill the memory.
/// </param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PublicResponseAttribute(params string[] queryKeys) : Attribute, IOutputCachePolicy
{
    public IReadOnlyList<string> QueryKeys { get; } = queryKeys;

    /// <summary>
    /// Query parameters whose values are free text: a request that gives one is answered fresh and never kept, since
    /// there is no end to the values it could take.
    /// </summary>
    public string[] Unkept { get; init; } = [];

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken) =>
        Policy(context).CacheRequestAsync(context, this);

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken) =>
        PublicOutputCache.ServeResponseAsync(context);

    private static PublicOutputCache Policy(OutputCacheContext context) => context.HttpContext.RequestServices.GetRequiredService<PublicOutputCache>();
}
