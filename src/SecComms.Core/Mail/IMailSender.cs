namespace SecComms.Core.Mail;

/// <summary>Sends email in the configured way: written to the pickup directory, or through an SMTP server.</summary>
/// <remarks>
/// Sending goes through a session so that many messages share one connection; a caller with thousands of messages
/// opens one session per batch, not one per message.
/// </remarks>
public interface IMailSender
{
    Task<IMailSession> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A session for a caller that sends from a thread of its own: it waits on the network by blocking that thread, and
    /// its methods complete before they return.
    /// </summary>
    IMailSession OpenOnOwnThread(CancellationToken cancellationToken) => OpenAsync(cancellationToken).GetAwaiter().GetResult();
}

/// <summary>One run of sending. A failed message throws <see cref="MailException"/>; the session stays usable for the next.</summary>
public interface IMailSession : IAsyncDisposable
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

/// <summary>A message could not be handed over; <see cref="Exception.Message"/> says why, without credentials.</summary>
/// <param name="message">Why, without credentials.</param>
/// <param name="inner">The failure underneath.</param>
/// <param name="replyCode">The server's reply code when it answered with a refusal.</param>
/// <param name="unreachable">The server could not be reached or signed in to, so no message of the session can go.</param>
public sealed class MailException(string message, Exception? inner = null, int? replyCode = null, bool unreachable = false) : Exception(message, inner)
{
    public int? ReplyCode { get; } = replyCode;

    public bool Unreachable { get; } = unreachable;

    /// <summary>A 5xx reply: sending the same message again would be refused again.</summary>
    public bool Permanent => ReplyCode is >= 500 and < 600;
}
