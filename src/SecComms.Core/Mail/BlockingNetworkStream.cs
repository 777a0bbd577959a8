using System.Net.Sockets;

namespace SecComms.Core.Mail;

/// <summary>
/// A connection whose reads and writes block the calling thread, its asynchronous methods included, which complete
/// before they return.
/// </summary>
/// <remarks>
/// For a sender that drives each connection from a thread of its own, as a mail server's delivery agents do: waiting for
/// a reply in the kernel costs two system calls, where an asynchronous read costs an event-loop wakeup and a hop through
/// the thread pool for every reply, several times a message. Never used from the thread pool.
/// </remarks>
internal sealed class BlockingNetworkStream : Stream
{
    private readonly Socket _socket;

    private BlockingNetworkStream(Socket socket) => _socket = socket;

    /// <summary>Connects, giving up after <paramref name="timeout"/> or when <paramref name="cancellationToken"/> is cancelled.</summary>
    public static BlockingNetworkStream Connect(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        using (limit.Token.UnsafeRegister(_ => socket.Dispose(), null))
        {
            try
            {
                socket.Connect(host, port);
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException && limit.IsCancellationRequested)
            {
                socket.Dispose();
                cancellationToken.ThrowIfCancellationRequested();
                throw new TimeoutException($"No connection within {timeout.TotalSeconds:0.#} s.", e);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        return new BlockingNetworkStream(socket);
    }

    /// <summary>Closes the connection when <paramref name="cancellationToken"/> is cancelled, so that a blocked read or write ends.</summary>
    public CancellationTokenRegistration AbortOn(CancellationToken cancellationToken) =>
        cancellationToken.UnsafeRegister(static socket => ((Socket)socket!).Dispose(), _socket);

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override bool CanTimeout => true;

    public override int ReadTimeout
    {
        get => _socket.ReceiveTimeout;
        set => _socket.ReceiveTimeout = value;
    }

    public override int WriteTimeout
    {
        get => _socket.SendTimeout;
        set => _socket.SendTimeout = value;
    }

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => _socket.Receive(buffer, SocketFlags.None);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            buffer = buffer[_socket.Send(buffer, SocketFlags.None)..];
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _socket.Dispose();
        }
        base.Dispose(disposing);
    }
}
