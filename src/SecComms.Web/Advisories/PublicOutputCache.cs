using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using SecComms.Core.Advisories;
using SecComms.Core.Policy;

namespace SecComms.Web.Advisories;

/// <summary>
/// Keeps public responses in this node's memory and answers from there, so a burst of readers at disclosure time costs
/// one rendering per page, not one per reader.
/// </summary>
/// <remarks>
/// A kept response is looked up under everything that changes what the site shows: this node's publications, the
/// policy in force (which decides what is public and names the categories) and the day (security.txt's expiry), so a
/// publication through this node shows at once. Responses are the same for every visitor, so a signed-in one is
/// answered from the same copy as anyone, and a response that sets a cookie is never kept. Only the list reads a query
/// parameter; any other is left out of the key, so made-up queries cannot fill the memory.
/// </remarks>
internal sealed class PublicOutputCache(PublicChanges changes, PolicyStore policies, TimeProvider time, IOptions<PublicSiteOptions> options)
    : IOutputCachePolicy
{
    public const string QueryKey = "cursor";

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var request = context.HttpContext.Request;
        var cacheable = settings.OutputCacheDuration > TimeSpan.Zero && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method));
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = settings.OutputCacheDuration;
        var vary = context.CacheVaryByRules;
        vary.QueryKeys = QueryKey;
        vary.VaryByValues["published"] = changes.Count.ToString(CultureInfo.InvariantCulture);
        vary.VaryByValues["policy"] = policies.Current.Hash;
        vary.VaryByValues["day"] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}
