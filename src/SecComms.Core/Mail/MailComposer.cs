using MimeKit;

namespace SecComms.Core.Mail;

/// <summary>Turns an <see cref="OutgoingMail"/> into the MIME message both senders hand over.</summary>
internal static class MailComposer
{
    public static MimeMessage Compose(OutgoingMail mail, MailboxAddress from, DateTimeOffset date)
    {
        var message = new MimeMessage
        {
            MessageId = mail.MessageId,
            Date = date,
            Subject = mail.Subject,
            Body = new TextPart("plain") { Text = mail.Body },
        };
        // A fresh copy: an address list subscribes to its addresses' changes, so one shared instance would keep every
        // message of a session alive, and make each one slower to compose than the one before.
        message.From.Add(new MailboxAddress(from.Name, from.Address));
        if (!MailboxAddress.TryParse(mail.To, out var to))
        {
            // Refused as a relay would refuse it (501, bad address syntax), so it counts as permanent.
            throw new MailException($"'{mail.To}' is not an email address.", replyCode: 501);
        }
        message.To.Add(to);
        foreach (var (name, value) in mail.Headers)
        {
            message.Headers.Add(name, value);
        }
        return message;
    }

    /// <summary>The configured sender; options validation has already refused one that does not parse.</summary>
    public static MailboxAddress Sender(MailOptions options) => MailboxAddress.Parse(options.From);
}
