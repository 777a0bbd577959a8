using Microsoft.AspNetCore.OutputCaching;

namespace SecComms.Web.Advisories;

/// <summary>
/// Marks a page or endpoint of the public site: anonymous, the same for every visitor, so shared caches may keep it.
/// <see cref="PublicResponses"/> gives such responses their caching headers, and <see cref="PublicOutputCache"/> keeps
/// them in memory.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PublicResponseAttribute : Attribute, IOutputCachePolicy
{
    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken) =>
        Policy(context).CacheRequestAsync(context, cancellationToken);

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) =>
        Policy(context).ServeFromCacheAsync(context, cancellationToken);

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken) =>
        Policy(context).ServeResponseAsync(context, cancellationToken);

    private static PublicOutputCache Policy(OutputCacheContext context) => context.HttpContext.RequestServices.GetRequiredService<PublicOutputCache>();
}
