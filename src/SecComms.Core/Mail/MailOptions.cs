namespace SecComms.Core.Mail;

/// <summary>How SecComms sends email; bound from the <c>Mail</c> configuration section.</summary>
/// <remarks>
/// The pickup directory is the default so that the product runs without a mail server: every message is written as an
/// <c>.eml</c> file that a relay, a mail client or a person can pick up.
/// </remarks>
public sealed class MailOptions
{
    public const string Section = "Mail";
    public const string Pickup = "pickup";
    public const string Smtp = "smtp";

    /// <summary><c>pickup</c> (write <c>.eml</c> files, the default) or <c>smtp</c> (send through <see cref="Host"/>).</summary>
    public string Mode { get; set; } = Pickup;

    /// <summary>Where pickup mode writes messages; relative paths are taken from the working folder.</summary>
    public string PickupDirectory { get; set; } = "data/mail";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>
    /// <c>starttls</c> (the default: upgrade the connection, refuse a server that cannot), <c>tls</c> (TLS from the first
    /// byte, usually port 465), <c>auto</c> (TLS when the server offers it) or <c>none</c>.
    /// </summary>
    public string Security { get; set; } = MailSecurity.StartTls;

    /// <summary>Signs in to the server when set.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, as <c>address</c> or <c>Name &lt;address&gt;</c>.</summary>
    public string From { get; set; } = "SecComms <seccomms@localhost>";

    /// <summary>How long one connection, sign-in or message may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The domain of <see cref="From"/>, which Message-IDs end in.</summary>
    public string Domain => MimeKit.MailboxAddress.TryParse(From, out var from) && from.Domain.Length > 0 ? from.Domain : "localhost";

    public bool IsSmtp => string.Equals(Mode, Smtp, StringComparison.OrdinalIgnoreCase);
}

public static class MailSecurity
{
    public const string None = "none";
    public const string StartTls = "starttls";
    public const string Tls = "tls";
    public const string Auto = "auto";
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { None, StartTls, Tls, Auto };
}
