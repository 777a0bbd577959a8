namespace SecComms.Cli.Client;

/// <summary>Reads through to another stream, counting the bytes and telling <paramref name="progress"/> the total after each read.</summary>
/// <remarks>It wraps a file being uploaded, so the bytes sent can be shown while the file streams, never whole in memory.</remarks>
/// <param name="inner">The stream read from; disposed with this one.</param>
/// <param name="progress">Told the bytes read so far after each read.</param>
internal sealed class ProgressStream(Stream inner, Action<long>? progress = null) : Stream
{
    private long _read;

    public long BytesRead => Interlocked.Read(ref _read);

    public override bool CanRead => true;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    /// <remarks>A request sent again starts the stream over; the count follows it back.</remarks>
    public override long Seek(long offset, SeekOrigin origin)
    {
        var position = inner.Seek(offset, origin);
        Interlocked.Exchange(ref _read, position);
        progress?.Invoke(position);
        return position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }

    private int Count(int read)
    {
        if (read > 0)
        {
            progress?.Invoke(Interlocked.Add(ref _read, read));
        }
        return read;
    }
}
