using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace SecComms.Testing;

/// <summary>
/// A real SMTP server on a loopback port, keeping what it receives. It can inject the faults a relay shows: temporary
/// refusals (451), a closing service (421), dropped connections, slow replies and refused recipients (550).
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Store _store = new();
    private readonly RecipientFilter _filter = new();
    private Task _running = Task.CompletedTask;

    private TestSmtpServer()
    {
    }

    public int Port { get; private set; }

    /// <summary>Every message accepted, with the envelope recipients it was sent to.</summary>
    public IReadOnlyCollection<(IReadOnlyList<string> To, MimeMessage Message)> Received => _store.Received;

    /// <summary>Refuses the next <paramref name="count"/> messages with a temporary failure (451).</summary>
    public void RefuseNext(int count) => Interlocked.Exchange(ref _store.Refusals, count);

    /// <summary>Answers the next <paramref name="count"/> messages with 421, the service closing.</summary>
    public void CloseNext(int count) => Interlocked.Exchange(ref _store.Closings, count);

    /// <summary>Drops the connection instead of answering the next <paramref name="count"/> messages.</summary>
    public void DropNext(int count) => Interlocked.Exchange(ref _store.Drops, count);

    /// <summary>Waits this long before answering each message.</summary>
    public TimeSpan Delay { get => _store.Delay; set => _store.Delay = value; }

    /// <summary>Refuses this recipient for good (550), as a relay does for a mailbox that does not exist.</summary>
    public void Reject(string address) => _filter.Rejected[address.ToLowerInvariant()] = true;

    public static async Task<TestSmtpServer> StartAsync(int port = 0)
    {
        var server = new TestSmtpServer();
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => started.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var provider = new SmtpServer.ComponentModel.ServiceProvider();
        provider.Add(listeners);
        provider.Add(server._store);
        provider.Add(server._filter);
        server._running = new SmtpServer.SmtpServer(options, provider).StartAsync(server._stop.Token);
        server.Port = await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private sealed class RecipientFilter : IMailboxFilter
    {
        public ConcurrentDictionary<string, bool> Rejected { get; } = new();

        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!Rejected.ContainsKey($"{to.User}@{to.Host}".ToLowerInvariant()));
    }

    private sealed class Store : MessageStore
    {
        public int Refusals;
        public int Closings;
        public int Drops;
        public TimeSpan Delay;

        public ConcurrentQueue<(IReadOnlyList<string> To, MimeMessage Message)> Received { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, cancellationToken);
            }
            if (Interlocked.Decrement(ref Drops) >= 0)
            {
                // Closing the transport hangs up on the client without an answer, as a relay that crashes does.
                (context.Pipe as IDisposable)?.Dispose();
                throw new IOException("The test server dropped the connection.");
            }
            if (Interlocked.Decrement(ref Closings) >= 0)
            {
                return new SmtpResponse(SmtpReplyCode.ServiceUnavailable, "Service closing transmission channel");
            }
            if (Interlocked.Decrement(ref Refusals) >= 0)
            {
                return new SmtpResponse(SmtpReplyCode.Aborted, "Try again later");
            }
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            Received.Enqueue(([.. transaction.To.Select(m => $"{m.User}@{m.Host}")], message));
            return SmtpResponse.Ok;
        }
    }
}
