namespace SecComms.Core.Mail;

/// <summary>Sends email in the configured way: written to the pickup directory, or through an SMTP server.</summary>
/// <remarks>
/// Sending goes through a session so that many messages share one connection; a caller with thousands of messages
/// opens one session per batch, not one per message.
/// </remarks>
public interface IMailSender
{
    Task<IMailSession> OpenAsync(CancellationToken cancellationToken);
}

/// <summary>One run of sending. A failed message throws <see cref="MailException"/>; the session stays usable for the next.</summary>
public interface IMailSession : IAsyncDisposable
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

/// <summary>A message could not be handed over; <see cref="Exception.Message"/> says why, without credentials.</summary>
public sealed class MailException(string message, Exception? inner = null) : Exception(message, inner);
