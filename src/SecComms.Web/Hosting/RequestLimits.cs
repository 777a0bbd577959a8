namespace SecComms.Web.Hosting;

/// <summary>Refuses request bodies above the documented limit before any of it is read.</summary>
public sealed class RequestLimits(RequestDelegate next)
{
    public const long MaxBodyBytes = 1024 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            throw new BadHttpRequestException(
                $"The request body is {context.Request.ContentLength:N0} bytes; the limit is {MaxBodyBytes:N0} bytes (1 MiB).",
                StatusCodes.Status413PayloadTooLarge);
        }
        return next(context);
    }
}
