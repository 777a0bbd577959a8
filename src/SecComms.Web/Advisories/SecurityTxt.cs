using System.Text;
using SecComms.Core.Advisories;

namespace SecComms.Web.Advisories;

/// <summary>Writes <c>/.well-known/security.txt</c> (RFC 9116): how to report a vulnerability, and until when that holds.</summary>
public static class SecurityTxt
{
    public const string WellKnownPath = ".well-known/security.txt";
    public const string LegacyPath = "security.txt";
    public const string MediaType = "text/plain; charset=utf-8";

    public static string Write(SecurityTxtOptions options, Uri canonical, DateTimeOffset now)
    {
        var text = new StringBuilder();
        foreach (var contact in options.Contact)
        {
            Field(text, "Contact", contact);
        }
        Field(text, "Expires", Rfc3339.Format(Expires(options, now)));
        Field(text, "Encryption", options.Encryption);
        Field(text, "Acknowledgments", options.Acknowledgments);
        if (options.Languages().Any())
        {
            Field(text, "Preferred-Languages", string.Join(", ", options.Languages()));
        }
        Field(text, "Canonical", canonical.AbsoluteUri);
        Field(text, "Policy", options.Policy);
        Field(text, "Hiring", options.Hiring);
        return text.ToString();
    }

    /// <summary>
    /// <see cref="SecurityTxtOptions.ExpiresAfterDays"/> after the start of the current day (UTC): renewed every day, so it
    /// never lapses while the site runs, and the same all day, so caches and ETags hold.
    /// </summary>
    public static DateTimeOffset Expires(SecurityTxtOptions options, DateTimeOffset now) =>
        new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(options.ExpiresAfterDays);

    private static void Field(StringBuilder text, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            text.Append(name).Append(": ").Append(value).Append('\n');
        }
    }
}
