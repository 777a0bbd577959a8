namespace SecComms.Web.Hosting;

/// <summary>
/// Refuses request bodies above the documented limit (at once when Content-Length says so, while reading when the body
/// is streamed without one) and query strings carrying NUL characters, which no database column can store.
/// </summary>
/// <remarks>Kestrel enforces the same limit; this makes the answer a ProblemDetails on any server, the test host included.</remarks>
public sealed class RequestLimits(RequestDelegate next)
{
    public const long MaxBodyBytes = 1024 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.QueryString.Value?.Contains("%00", StringComparison.Ordinal) == true)
        {
            throw new BadHttpRequestException("The query string contains a NUL character (%00).", StatusCodes.Status400BadRequest);
        }
        var length = context.Request.ContentLength;
        if (length > MaxBodyBytes)
        {
            throw TooLarge();
        }
        if (length is null && context.Request.Body.CanRead)
        {
            context.Request.Body = new LimitedStream(context.Request.Body, MaxBodyBytes);
        }
        return next(context);
    }

    internal static BadHttpRequestException TooLarge() =>
        new($"The request body is larger than the limit of {MaxBodyBytes:N0} bytes (1 MiB).", StatusCodes.Status413PayloadTooLarge);

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
            return _read > limit ? throw TooLarge() : read;
        }
    }
}
