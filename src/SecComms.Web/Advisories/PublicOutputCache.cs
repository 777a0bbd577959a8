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
/// answered from the same copy as anyone, and a response that sets a cookie is never kept. Only the query parameters a
/// response declares (<see cref="PublicResponseAttribute.QueryKeys"/>) are in the key; a free-text one turns keeping
/// off for that request, and a response marked with <see cref="DoNotKeep"/> is not kept either.
/// </remarks>
internal sealed class PublicOutputCache(PublicChanges changes, PolicyStore policies, TimeProvider time, IOptions<PublicSiteOptions> options)
{
    private const string DoNotKeepItem = "SecComms.PublicSite.DoNotKeep";

    /// <summary>
    /// Asks that this response not be kept, for one whose address may name any of countless things that each show
    /// nothing (a filter matching no entry): answering those from memory would save no work and crowd out the pages
    /// readers want.
    /// </summary>
    public static void DoNotKeep(HttpContext context) => context.Items[DoNotKeepItem] = true;

    public ValueTask CacheRequestAsync(OutputCacheContext context, PublicResponseAttribute response)
    {
        var settings = options.Value;
        var request = context.HttpContext.Request;
        var cacheable = settings.OutputCacheDuration > TimeSpan.Zero && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !response.Unkept.Any(key => !string.IsNullOrWhiteSpace(request.Query[key]));
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = settings.OutputCacheDuration;
        var vary = context.CacheVaryByRules;
        vary.QueryKeys = response.QueryKeys.ToArray();
        vary.VaryByValues["published"] = changes.Count.ToString(CultureInfo.InvariantCulture);
        vary.VaryByValues["policy"] = policies.Current.Hash;
        vary.VaryByValues["day"] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return ValueTask.CompletedTask;
    }

    public static ValueTask ServeResponseAsync(OutputCacheContext context)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0 || context.HttpContext.Items.ContainsKey(DoNotKeepItem))
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}
