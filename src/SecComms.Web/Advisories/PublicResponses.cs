using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Headers;
using Microsoft.Net.Http.Headers;

namespace SecComms.Web.Advisories;

/// <summary>
/// Makes public-site responses cache-friendly: any cache may keep them for five minutes, then revalidate with a strong
/// ETag over the exact bytes sent (or Last-Modified) and get 304 Not Modified when nothing changed.
/// </summary>
/// <remarks>
/// The ETag is taken over the bytes rather than derived from the data, so it changes with anything that changes the
/// page: an entry, a category renamed by a new policy, the layout of a new release. Runs before authentication, so that
/// its own check runs after the session cookie's renewal is added and removes it: a response that shared caches keep
/// must never carry a visitor's session.
/// </remarks>
internal sealed class PublicResponses(RequestDelegate next)
{
    public const string CacheControl = "public, max-age=300";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (context.GetEndpoint()?.Metadata.GetMetadata<PublicResponseAttribute>() is null
            || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            await next(context);
            return;
        }
        var response = context.Response;
        response.OnStarting(() =>
        {
            response.Headers.Remove(HeaderNames.SetCookie);
            return Task.CompletedTask;
        });
        var body = response.Body;
        await using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = body;
        }
        if (response.StatusCode == StatusCodes.Status200OK)
        {
            var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))[..32]}\"");
            response.Headers.ETag = etag.ToString();
            response.Headers.CacheControl = CacheControl;
            if (NotModified(request.GetTypedHeaders(), etag, response.GetTypedHeaders().LastModified))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                return;
            }
        }
        response.ContentLength = buffer.Length;
        if (!HttpMethods.IsHead(request.Method))
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(body, context.RequestAborted);
        }
    }

    /// <remarks>RFC 9110 §13.2.2: If-None-Match, compared weakly, decides when present; If-Modified-Since only otherwise.</remarks>
    private static bool NotModified(RequestHeaders request, EntityTagHeaderValue etag, DateTimeOffset? lastModified)
    {
        var ifNoneMatch = request.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            return ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false));
        }
        return request.IfModifiedSince is { } since && lastModified is { } modified
            && modified.ToUnixTimeSeconds() <= since.ToUnixTimeSeconds();
    }
}
