using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace SecComms.Testing;

/// <summary>A real SMTP server on a loopback port, keeping what it receives; it can refuse messages or stop answering.</summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Store _store = new();
    private Task _running = Task.CompletedTask;

    private TestSmtpServer()
    {
    }

    public int Port { get; private set; }

    /// <summary>Every message accepted, with the envelope recipients it was sent to.</summary>
    public IReadOnlyCollection<(IReadOnlyList<string> To, MimeMessage Message)> Received => _store.Received;

    /// <summary>Refuses the next <paramref name="count"/> messages with a temporary failure (451).</summary>
    public void RefuseNext(int count) => Interlocked.Exchange(ref _store.Refusals, count);

    /// <summary>How long each message takes to be accepted, as a slow relay would take: senders then have messages in flight.</summary>
    public TimeSpan AcceptDelay
    {
        get => _store.AcceptDelay;
        set => _store.AcceptDelay = value;
    }

    public static async Task<TestSmtpServer> StartAsync()
    {
        var server = new TestSmtpServer();
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => started.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, 0)))
            .Build();
        var provider = new SmtpServer.ComponentModel.ServiceProvider();
        provider.Add(listeners);
        provider.Add(server._store);
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

    private sealed class Store : MessageStore
    {
        public int Refusals;

        public TimeSpan AcceptDelay { get; set; }

        public ConcurrentQueue<(IReadOnlyList<string> To, MimeMessage Message)> Received { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            if (Interlocked.Decrement(ref Refusals) >= 0)
            {
                return new SmtpResponse(SmtpReplyCode.Aborted, "Try again later");
            }
            if (AcceptDelay > TimeSpan.Zero)
            {
                await Task.Delay(AcceptDelay, cancellationToken);
            }
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            Received.Enqueue(([.. transaction.To.Select(m => $"{m.User}@{m.Host}")], message));
            return SmtpResponse.Ok;
        }
    }
}
