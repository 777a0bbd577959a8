using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SecComms.Core.Errors;

namespace SecComms.Core.Communications;

/// <summary>
/// Every channel variant of a communication: the web/blog title and Markdown body, the email, the short text for social
/// media and status pages, and the FAQ Support answers customers from.
/// </summary>
public sealed record CommunicationContent(string Title, string Body, string EmailSubject, string EmailBody, string ShortText, string SupportFaq = "")
{
    /// <summary>SHA-256 over all variants; an approval binds to this value.</summary>
    /// <remarks>Content without a Support FAQ hashes as it did before the FAQ existed, so earlier approvals still hold.</remarks>
    public string Hash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(SupportFaq.Length == 0
        ? "seccomms-content-v1\n" + JsonSerializer.Serialize(new[] { Title, Body, EmailSubject, EmailBody, ShortText })
        : "seccomms-content-v2\n" + JsonSerializer.Serialize(new[] { Title, Body, EmailSubject, EmailBody, ShortText, SupportFaq }))));

    /// <summary>Trims the title, unifies line endings, and checks every limit.</summary>
    public static CommunicationContent Normalize(string? title, string? body, string? emailSubject, string? emailBody, string? shortText, string? supportFaq = null)
    {
        var content = new CommunicationContent(
            Lines(title).Trim(),
            Lines(body),
            Lines(emailSubject).Trim(),
            Lines(emailBody),
            Lines(shortText).Trim(),
            Lines(supportFaq).TrimEnd());
        new Validation()
            .Require(content.Title.Length > 0, "title", "title is required.")
            .MaxLength(content.Title, ContentLimits.Title, "title")
            .Require(!content.Title.Contains('\n', StringComparison.Ordinal), "title", "title must be a single line.")
            .MaxLength(content.Body, ContentLimits.Body, "body")
            .MaxLength(content.EmailSubject, ContentLimits.EmailSubject, "emailSubject")
            .Require(!content.EmailSubject.Contains('\n', StringComparison.Ordinal), "emailSubject", "emailSubject must be a single line.")
            .MaxLength(content.EmailBody, ContentLimits.EmailBody, "emailBody")
            .MaxLength(content.ShortText, ContentLimits.ShortText, "shortText")
            .MaxLength(content.SupportFaq, ContentLimits.SupportFaq, "supportFaq")
            .PlainText(content.Title, "title")
            .PlainText(content.Body, "body", multiline: true)
            .PlainText(content.EmailSubject, "emailSubject")
            .PlainText(content.EmailBody, "emailBody", multiline: true)
            .PlainText(content.ShortText, "shortText")
            .PlainText(content.SupportFaq, "supportFaq", multiline: true)
            .ThrowIfInvalid();
        return content;
    }

    private static string Lines(string? text) => (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
}

/// <summary>Size limits for each variant, chosen to fit the channels they go to.</summary>
public static class ContentLimits
{
    public const int Title = 200;
    public const int Body = 100_000;
    public const int EmailSubject = 200;
    public const int EmailBody = 100_000;
    public const int ShortText = 500;
    public const int SupportFaq = 50_000;
    public const int Note = 500;
}
