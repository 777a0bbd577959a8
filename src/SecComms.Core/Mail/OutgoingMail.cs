namespace SecComms.Core.Mail;

/// <summary>One plain-text message to one recipient.</summary>
/// <param name="MessageId">
/// The Message-ID without angle brackets, unique to this message and the same each time it is sent, so that a receiver
/// can tell a repeated delivery from a new message.
/// </param>
/// <param name="To">The recipient's address.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Body">The plain-text body.</param>
public sealed record OutgoingMail(string MessageId, string To, string Subject, string Body)
{
    /// <summary>Further header fields, such as <c>Auto-Submitted</c> or <c>List-Unsubscribe</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];
}
