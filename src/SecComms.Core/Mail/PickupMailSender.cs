using System.Text;
using Microsoft.Extensions.Options;
using MimeKit;

namespace SecComms.Core.Mail;

/// <summary>Writes each message as one <c>.eml</c> file in the pickup directory.</summary>
/// <remarks>
/// A file is written under a temporary name and then renamed, so whatever watches the folder never reads half a
/// message. It is named after the Message-ID, so sending the same message again replaces its file rather than adding one.
/// </remarks>
public sealed class PickupMailSender(IOptions<MailOptions> options, TimeProvider time) : IMailSender
{
    public Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(options.Value.PickupDirectory);
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MailException($"Cannot create the pickup directory {folder}: {e.Message}", e, unreachable: true);
        }
        return Task.FromResult<IMailSession>(new Session(folder, MailComposer.Sender(options.Value), time));
    }

    /// <summary>The file a message is written to, named after its Message-ID.</summary>
    public static string FileName(string messageId)
    {
        var name = new StringBuilder(messageId.Length + 4);
        foreach (var c in messageId)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_');
        }
        return name.Append(".eml").ToString();
    }

    private sealed class Session(string folder, MailboxAddress from, TimeProvider time) : IMailSession
    {
        public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
        {
            using var message = MailComposer.Compose(mail, from, time.GetUtcNow());
            message.Prepare(EncodingConstraint.SevenBit);
            var path = Path.Combine(folder, FileName(mail.MessageId));
            var temporary = Path.Combine(folder, $".{Guid.NewGuid():N}.tmp");
            try
            {
                await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
                {
                    await message.WriteToAsync(file, cancellationToken);
                    await file.FlushAsync(cancellationToken);
                    file.Flush(flushToDisk: true);
                }
                File.Move(temporary, path, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                File.Delete(temporary);
                throw new MailException($"Cannot write {path}: {e.Message}", e);
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
