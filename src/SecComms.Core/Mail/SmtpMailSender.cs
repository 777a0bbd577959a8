using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace SecComms.Core.Mail;

/// <summary>Sends through the configured SMTP server (the company's relay), one connection per session.</summary>
public sealed class SmtpMailSender(IOptions<MailOptions> options, TimeProvider time) : IMailSender
{
    public Task<IMailSession> OpenAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IMailSession>(new Session(options.Value, MailComposer.Sender(options.Value), time, blocking: false));

    public IMailSession OpenOnOwnThread(CancellationToken cancellationToken) =>
        new Session(options.Value, MailComposer.Sender(options.Value), time, blocking: true);

    internal static SecureSocketOptions SocketOptions(string security) => security.ToLowerInvariant() switch
    {
        MailSecurity.None => SecureSocketOptions.None,
        MailSecurity.Tls => SecureSocketOptions.SslOnConnect,
        MailSecurity.Auto => SecureSocketOptions.Auto,
        _ => SecureSocketOptions.StartTls,
    };

    /// <remarks>
    /// Connects on the first message. A refused message leaves the connection usable; a broken connection is dropped and
    /// the next message connects again. When connecting fails, the rest of the session fails at once rather than
    /// waiting out the timeout for every message. A blocking session talks over a <see cref="BlockingNetworkStream"/>.
    /// </remarks>
    private sealed class Session(MailOptions options, MailboxAddress from, TimeProvider time, bool blocking) : IMailSession
    {
        private readonly SmtpClient _client = new() { Timeout = (int)options.Timeout.TotalMilliseconds };
        private BlockingNetworkStream? _stream;
        private MailException? _unreachable;

        public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
        {
            if (_unreachable is not null)
            {
                throw _unreachable;
            }
            await ConnectAsync(cancellationToken);
            using var message = MailComposer.Compose(mail, from, time.GetUtcNow());
            using var abort = _stream?.AbortOn(cancellationToken) ?? default;
            try
            {
                await _client.SendAsync(message, cancellationToken);
            }
            catch (SmtpCommandException e)
            {
                if (!_client.IsConnected || (int)e.StatusCode == 421)
                {
                    await DropAsync();
                }
                throw new MailException($"{options.Host} refused the message to {mail.To}: {(int)e.StatusCode} {e.Message}", e, (int)e.StatusCode);
            }
            catch (Exception e) when (e is not (OperationCanceledException or MailException))
            {
                await DropAsync();
                cancellationToken.ThrowIfCancellationRequested(); // A blocking session is stopped by closing its connection.
                throw new MailException($"The connection to {options.Host} failed while sending: {e.Message}", e);
            }
        }

        private async Task ConnectAsync(CancellationToken cancellationToken)
        {
            if (_client.IsConnected)
            {
                return;
            }
            try
            {
                if (blocking)
                {
                    _stream = BlockingNetworkStream.Connect(options.Host ?? "", options.Port, options.Timeout, cancellationToken);
                    await _client.ConnectAsync(_stream, options.Host ?? "", options.Port, SocketOptions(options.Security), cancellationToken);
                }
                else
                {
                    await _client.ConnectAsync(options.Host ?? "", options.Port, SocketOptions(options.Security), cancellationToken);
                }
                if (!string.IsNullOrEmpty(options.UserName))
                {
                    await _client.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await DropAsync();
                _unreachable = new MailException($"Cannot send through {options.Host}:{options.Port} ({options.Security}): {e.Message}", e, unreachable: true);
                throw _unreachable;
            }
        }

        private async Task DropAsync()
        {
            if (_client.IsConnected)
            {
                try
                {
                    await _client.DisconnectAsync(quit: false);
                }
                catch (Exception e) when (e is IOException or SmtpProtocolException)
                {
                    // The connection is already gone.
                }
            }
            _stream?.Dispose();
            _stream = null;
        }

        public async ValueTask DisposeAsync()
        {
            if (_client.IsConnected)
            {
                try
                {
                    await _client.DisconnectAsync(quit: true);
                }
                catch (Exception e) when (e is IOException or SmtpProtocolException or SmtpCommandException)
                {
                    // Every message already has its outcome; a failed goodbye changes none of them.
                }
            }
            _client.Dispose();
            _stream?.Dispose();
        }
    }
}
