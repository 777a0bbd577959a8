using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace SecComms.Web.Hosting;

/// <summary>
/// Refuses request bodies above the documented limit (at once when Content-Length says so, while reading when the body
/// is streamed without one) and query strings carrying NUL characters, which no database column can store.
/// </summary>
/// <remarks>Kestrel enforces the same limit; this makes the answer a ProblemDetails on any server, the test host included.</remarks>
public sealed class RequestLimits(RequestDelegate next)
{
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>Contact imports stream a file of any number of rows, read a batch at a time; this only stops a runaway upload.</summary>
    public const long MaxImportBytes = 1024L * 1024 * 1024;

    /// <summary>The paths that take a contact file: the API and the import page.</summary>
    public static bool IsImport(PathString path) => path.StartsWithSegments("/api/v1/contacts/import") || path.StartsWithSegments("/audiences/import");

    /// <remarks>The error page is shown for the refused request itself, so the request is not refused again there.</remarks>
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            return next(context);
        }
        if (context.Request.QueryString.Value?.Contains("%00", StringComparison.Ordinal) == true)
        {
            throw new BadHttpRequestException("The query string contains a NUL character (%00).", StatusCodes.Status400BadRequest);
        }
        var limit = MaxBodyBytes;
        if (IsImport(context.Request.Path))
        {
            limit = MaxImportBytes;
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } kestrel)
            {
                kestrel.MaxRequestBodySize = MaxImportBytes;
            }
        }
        var length = context.Request.ContentLength;
        if (length > limit)
        {
            throw TooLarge(limit);
        }
        if (length is null && context.Request.Body.CanRead)
        {
            context.Request.Body = new LimitedStream(context.Request.Body, limit);
        }
        return next(context);
    }

    internal static BadHttpRequestException TooLarge(long limit = MaxBodyBytes) =>
        new($"The request body is larger than the limit of {limit:N0} bytes ({(limit == MaxBodyBytes ? "1 MiB" : "1 GiB")}).", StatusCodes.Status413PayloadTooLarge);

    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            return _read > limit ? throw TooLarge(limit) : read;
        }
    }
}
