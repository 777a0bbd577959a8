using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecComms.Core.Audit;
using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Core.Mail;

namespace SecComms.Core.Identity;

/// <summary>A link just made: its address, shown once to the administrator, and whether the email carrying it went out.</summary>
public sealed record PasswordLinkIssued(string Url, PasswordLinkPurpose Purpose, DateTimeOffset ExpiresAt, bool Emailed, string? EmailProblem);

/// <summary>Whom a usable link is for, as the set-password page greets them.</summary>
public sealed record PasswordLinkHolder(string Email, string Name, PasswordLinkPurpose Purpose, DateTimeOffset ExpiresAt);

/// <summary>
/// One-time links to set a password: made for an invited person or a reset, emailed, and used once before they expire.
/// A link is 32 random bytes; only its SHA-256 is stored.
/// </summary>
/// <remarks>
/// The email is sent straight through the mail sender after the change commits, not through the outbox, so that the
/// link is never stored where it could be read back. Every unusable link (wrong, used, expired, or its person
/// deactivated, or managed by the single sign-on provider, or password sign-in turned off) is refused with the one message
/// <see cref="Unusable"/>, so a refusal tells nothing about which links exist.
/// </remarks>
public sealed class PasswordLinks(
    SecCommsDb db,
    WriteScope writes,
    AuditTrail audit,
    IPasswordHasher<User> hasher,
    IMailSender mail,
    IOptions<MailOptions> mailOptions,
    IOptions<SiteOptions> site,
    IOptions<AccountOptions> accounts,
    IOptions<SingleSignOn.SingleSignOnOptions> singleSignOn,
    TimeProvider time,
    ILogger<PasswordLinks> logger)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(72);

    public const string Path = "/account/set-password";

    public const string Unusable = "This link cannot be used: it is wrong, it was used already, or it has expired. Ask an administrator for a new one.";

    /// <summary>
    /// Makes a link for <paramref name="person"/>, replacing any link of theirs not used yet. Call inside the write scope of
    /// the change that needs it; send it with <see cref="SendAsync"/> once that has committed.
    /// </summary>
    internal async Task<(PasswordLink Link, string Token)> IssueAsync(User person, PasswordLinkPurpose purpose, Actor issuer, CancellationToken cancellationToken)
    {
        await db.PasswordLinks.Where(l => l.UserId == person.Id && l.UsedAt == null).ExecuteDeleteAsync(cancellationToken);
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow();
        var link = new PasswordLink
        {
            UserId = person.Id,
            Purpose = purpose,
            TokenHash = Hash(token),
            CreatedBy = issuer.Email,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        db.PasswordLinks.Add(link);
        await audit.RecordAsync(issuer.Email, "user.password-link-issued", $"user:{person.Id}",
            new { Purpose = KebabNames.Of(purpose), link.ExpiresAt }, cancellationToken);
        return (link, token);
    }

    /// <summary>Removes every link of <paramref name="person"/> not used yet, inside the caller's write scope.</summary>
    internal Task<int> WithdrawAsync(User person, CancellationToken cancellationToken) =>
        db.PasswordLinks.Where(l => l.UserId == person.Id && l.UsedAt == null).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Emails the link to its person; a failure is reported, not thrown, as the administrator holds the link too.</summary>
    internal async Task<PasswordLinkIssued> SendAsync(User person, PasswordLink link, string token, Actor issuer, CancellationToken cancellationToken)
    {
        var url = site.Value.Link($"{Path}?token={token}");
        var (subject, body) = Message(person, link, url, issuer);
        try
        {
            await using var session = await mail.OpenAsync(cancellationToken);
            await session.SendAsync(new OutgoingMail($"{link.Id:N}@{mailOptions.Value.Domain}", person.Email, subject, body)
            {
                Headers = [new("Auto-Submitted", "auto-generated")],
            }, cancellationToken);
            return new PasswordLinkIssued(url, link.Purpose, link.ExpiresAt, Emailed: true, EmailProblem: null);
        }
        catch (MailException e)
        {
            logger.LogWarning("The password link for {Email} could not be emailed: {Problem}", person.Email, e.Message);
            return new PasswordLinkIssued(url, link.Purpose, link.ExpiresAt, Emailed: false, EmailProblem: e.Message);
        }
    }

    /// <summary>Whom <paramref name="token"/> is for, or null when it cannot be used.</summary>
    public async Task<PasswordLinkHolder?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (await UsableAsync(token, tracking: false, cancellationToken) is not { } found)
        {
            return null;
        }
        return new PasswordLinkHolder(found.Person.Email, found.Person.Name, found.Link.Purpose, found.Link.ExpiresAt);
    }

    /// <summary>
    /// Sets the password of the link's person and uses the link up. Every session the person had open ends; no new one
    /// starts: they sign in with the new password.
    /// </summary>
    public async Task<PasswordLinkHolder> SetPasswordAsync(string? token, string? password, CancellationToken cancellationToken)
    {
        var minimum = accounts.Value.MinimumPasswordLength;
        var found = await UsableAsync(token, tracking: false, cancellationToken) ?? throw new NotFoundException(Unusable);
        new Validation()
            .Require(password is not null && password.Length >= minimum, "password", $"password must be at least {minimum} characters.")
            .ThrowIfInvalid();
        // Hashed before the writer lock is taken, as a sign-in's password is checked outside it.
        var hash = hasher.HashPassword(found.Person, password!);
        return await writes.RunAsync(async () =>
        {
            var (link, person) = await UsableAsync(token, tracking: true, cancellationToken) ?? throw new NotFoundException(Unusable);
            person.SetPassword(hash);
            link.UsedAt = time.GetUtcNow();
            await db.PasswordLinks.Where(l => l.UserId == person.Id && l.UsedAt == null && l.Id != link.Id).ExecuteDeleteAsync(cancellationToken);
            await audit.RecordAsync(person.Email, "user.password-set", $"user:{person.Id}", new { Purpose = KebabNames.Of(link.Purpose) }, cancellationToken);
            return new PasswordLinkHolder(person.Email, person.Name, link.Purpose, link.ExpiresAt);
        }, cancellationToken);
    }

    private async Task<(PasswordLink Link, User Person)?> UsableAsync(string? token, bool tracking, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100 || !singleSignOn.Value.LocalPasswords)
        {
            return null;
        }
        var hash = Hash(token);
        var links = tracking ? db.PasswordLinks.AsTracking() : db.PasswordLinks.AsNoTracking();
        var link = await links.FirstOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        if (link is null || !link.IsUsableAt(time.GetUtcNow()))
        {
            return null;
        }
        var users = tracking ? db.Users.AsTracking() : db.Users.AsNoTracking();
        var person = await users.FirstOrDefaultAsync(u => u.Id == link.UserId && !u.Disabled && u.Kind == UserKind.Person && !u.ManagedByProvider,
            cancellationToken);
        return person is null ? null : (link, person);
    }

    private (string Subject, string Body) Message(User person, PasswordLink link, string url, Actor issuer)
    {
        var until = Moment.Text(link.ExpiresAt);
        var signIn = site.Value.Link("/signin");
        return link.Purpose switch
        {
            PasswordLinkPurpose.Invitation => ("You are invited to SecComms", $"""
                {issuer.Name} ({issuer.Email}) added you to SecComms, where your company runs its external security communications.

                Choose your password here. The link works once, until {until}:

                {url}

                Then sign in at {signIn} with {person.Email}.

                """),
            _ => ("Choose a new SecComms password", $"""
                {issuer.Name} ({issuer.Email}) reset your SecComms password.

                Choose a new one here. The link works once, until {until}:

                {url}

                Your current password works until you do; choosing a new one signs you out everywhere. If you did not expect
                this, tell your security team.

                """),
        };
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
