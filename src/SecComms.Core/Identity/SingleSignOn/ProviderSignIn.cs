using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecComms.Core.Audit;
using SecComms.Core.Data;
using SecComms.Core.Policy;

namespace SecComms.Core.Identity.SingleSignOn;

/// <summary>
/// Decides who signs in through the single sign-on provider, and keeps a provider-managed person's name, email, teams and
/// role as the provider says at each sign-in. Ends a person's sessions when the provider says they signed out there.
/// </summary>
/// <remarks>
/// A person is found by who they are at the provider (issuer and subject). Failing that, an existing account is linked by
/// its email once, only when the provider verified that address (or <see cref="SingleSignOnOptions.EmailsAreVerified"/>)
/// and the account is an active person linked to no one else: taking over an account by its address is otherwise
/// possible for anyone able to set their email at the provider. Only people in a mapped group sign in, so removing
/// someone from every mapped group at the provider locks them out at their next sign-in. Every change is audited, and
/// the security team is told of every change of teams or role (<see cref="TeamGrantNotices"/>).
/// </remarks>
public sealed class ProviderSignIn(
    SecCommsDb db,
    WriteScope writes,
    AuditTrail audit,
    UserDirectory directory,
    TeamGrantNotices notices,
    SecCommsPolicy policy,
    IOptions<SingleSignOnOptions> options,
    TimeProvider time,
    ILogger<ProviderSignIn> logger)
{
    private const int MaxSubjectLength = 255;

    private SingleSignOnOptions Options => options.Value;

    private TeamGrantor.Provider Grantor => new(Options.DisplayName);

    public async Task<ProviderSignInResult> SignInAsync(ProviderIdentity identity, CancellationToken cancellationToken)
    {
        var email = identity.Email?.Trim() ?? "";
        if (identity.Subject.Length is 0 or > MaxSubjectLength || identity.Issuer.Length is 0 or > 500 || email.Length is 0 or > 320
            || !email.Contains('@', StringComparison.Ordinal) || email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return Refused(identity, ProviderSignInRefusal.IncompleteIdentity);
        }
        var access = GroupMap.Map(Options, identity.Groups, policy);
        if (access.UnknownTeams.Count > 0)
        {
            logger.LogWarning("The single sign-on group mapping names teams the policy does not have: {Teams}", string.Join(", ", access.UnknownTeams));
        }
        return await writes.RunAsync(async () =>
        {
            var user = await db.Users.Include(u => u.Teams)
                .FirstOrDefaultAsync(u => u.ProviderIssuer == identity.Issuer && u.ProviderSubject == identity.Subject, cancellationToken);
            var created = false;
            if (user is null)
            {
                var normalized = User.Normalize(email);
                var existing = await db.Users.Include(u => u.Teams).FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
                if (existing is not null)
                {
                    if (LinkRefusal(existing, identity, access) is { } refusal)
                    {
                        return Refused(identity, refusal);
                    }
                    existing.LinkToProvider(identity.Issuer, identity.Subject);
                    await audit.RecordAsync(TeamGrantor.AuditActor, "user.linked-to-provider", Entity(existing),
                        new { identity.Issuer, identity.Subject, Provider = Options.DisplayName }, cancellationToken);
                    user = existing;
                }
                else if (!Options.CreatePeople)
                {
                    return Refused(identity, ProviderSignInRefusal.NoAccount);
                }
                else if (!access.Matched)
                {
                    return Refused(identity, ProviderSignInRefusal.NoMappedGroup);
                }
                else
                {
                    user = await directory.AddAsync(new NewUser(email, NameOf(identity, email), access.Teams, access.Role, null), Grantor, cancellationToken);
                    user.LinkToProvider(identity.Issuer, identity.Subject);
                    await audit.RecordAsync(TeamGrantor.AuditActor, "user.linked-to-provider", Entity(user),
                        new { identity.Issuer, identity.Subject, Provider = Options.DisplayName }, cancellationToken);
                    created = true;
                }
            }
            if (user.Disabled)
            {
                return Refused(identity, ProviderSignInRefusal.Deactivated);
            }
            if (user.IsServiceAccount)
            {
                return Refused(identity, ProviderSignInRefusal.ServiceAccount);
            }
            if (!access.Matched)
            {
                return Refused(identity, ProviderSignInRefusal.NoMappedGroup);
            }
            if (!created)
            {
                if (!await FollowDetailsAsync(user, email, NameOf(identity, email), cancellationToken))
                {
                    return Refused(identity, ProviderSignInRefusal.EmailTaken);
                }
                await FollowAccessAsync(user, access, cancellationToken);
            }
            var now = time.GetUtcNow();
            user.LastSignInAt = now;
            user.ProviderSessionId = identity.SessionId is { Length: <= MaxSubjectLength } sid ? sid : null;
            await audit.RecordAsync(user.Email, "user.signed-in", Entity(user), new { Provider = Options.DisplayName }, cancellationToken);
            return new ProviderSignInResult(user, null);
        }, cancellationToken);
    }

    /// <summary>
    /// Ends every session of the person the provider's logout notice names, by <paramref name="subject"/> or, when it
    /// names only a session, by the session of their latest sign-in. Returns how many people it signed out.
    /// </summary>
    public Task<int> EndSessionsAsync(string issuer, string? subject, string? sessionId, CancellationToken cancellationToken) =>
        writes.RunAsync(async () =>
        {
            var people = await db.Users
                .Where(u => u.ProviderIssuer == issuer && (subject != null ? u.ProviderSubject == subject : u.ProviderSessionId == sessionId))
                .ToListAsync(cancellationToken);
            foreach (var person in people)
            {
                person.EndSessions();
                await audit.RecordAsync(TeamGrantor.AuditActor, "user.sessions-ended", Entity(person),
                    new { Reason = "provider-logout", Provider = Options.DisplayName, SessionId = sessionId }, cancellationToken);
            }
            return people.Count;
        }, cancellationToken);

    /// <summary>What the sign-in page tells a person the provider vouched for and SecComms did not let in.</summary>
    public static string Explain(ProviderSignInRefusal refusal, string provider) => refusal switch
    {
        ProviderSignInRefusal.NoMappedGroup => $"Your {provider} account is in no group that gives access to SecComms: ask your administrator.",
        ProviderSignInRefusal.NoAccount => $"No SecComms account belongs to your {provider} account: ask an administrator to add you.",
        ProviderSignInRefusal.Deactivated => "Your SecComms account is deactivated: ask an administrator.",
        ProviderSignInRefusal.ServiceAccount => $"Your email belongs to a SecComms service account, which never signs in: ask an administrator.",
        ProviderSignInRefusal.LinkedToAnother => $"The SecComms account with your email belongs to another {provider} account: ask an administrator.",
        ProviderSignInRefusal.EmailNotVerified => $"{provider} did not say your email address is verified, so it cannot be linked to the SecComms account with that address: ask an administrator.",
        ProviderSignInRefusal.IncompleteIdentity => $"{provider} sent no email address for you: ask your administrator to release the email claim to SecComms.",
        ProviderSignInRefusal.EmailTaken => $"Your email at {provider} is another SecComms account's: ask an administrator.",
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, null),
    };

    private ProviderSignInRefusal? LinkRefusal(User existing, ProviderIdentity identity, MappedAccess access) =>
        existing.IsServiceAccount ? ProviderSignInRefusal.ServiceAccount
        : existing.ProviderSubject is not null ? ProviderSignInRefusal.LinkedToAnother
        : existing.Disabled ? ProviderSignInRefusal.Deactivated
        : !access.Matched ? ProviderSignInRefusal.NoMappedGroup
        : !identity.EmailVerified && !Options.EmailsAreVerified ? ProviderSignInRefusal.EmailNotVerified
        : null;

    /// <returns>False when the provider's new email for the person is already another account's.</returns>
    private async Task<bool> FollowDetailsAsync(User user, string email, string name, CancellationToken cancellationToken)
    {
        var normalized = User.Normalize(email);
        var emailChanges = normalized != user.NormalizedEmail || email != user.Email;
        if (normalized != user.NormalizedEmail && await db.Users.AnyAsync(u => u.NormalizedEmail == normalized && u.Id != user.Id, cancellationToken))
        {
            return false;
        }
        if (!emailChanges && name == user.Name)
        {
            return true;
        }
        var before = new { user.Email, user.Name };
        user.Email = email;
        user.NormalizedEmail = normalized;
        user.Name = name;
        await audit.RecordAsync(TeamGrantor.AuditActor, "user.details-changed", Entity(user), new { From = before, To = new { user.Email, user.Name } },
            cancellationToken);
        return true;
    }

    private async Task FollowAccessAsync(User user, MappedAccess access, CancellationToken cancellationToken)
    {
        var before = user.Teams.Select(t => t.Team).ToList();
        var added = access.Teams.Except(before).ToList();
        var removed = before.Except(access.Teams).ToList();
        var roleBefore = user.Role;
        var role = access.Role;
        if (roleBefore == UserRole.Admin && role != UserRole.Admin && UserDirectory.IsActiveAdministrator(user)
            && !await db.Users.Where(UserDirectory.ActiveAdministrator).AnyAsync(u => u.Id != user.Id, cancellationToken))
        {
            logger.LogWarning("{Email} stays an administrator although the provider's groups no longer make them one: they are the last one.", user.Email);
            role = UserRole.Admin;
        }
        AuditEvent? last = null;
        if (added.Count > 0 || removed.Count > 0)
        {
            foreach (var membership in user.Teams.Where(t => removed.Contains(t.Team)).ToList())
            {
                user.Teams.Remove(membership);
                db.TeamMemberships.Remove(membership);
            }
            user.Teams.AddRange(added.Select(t => new TeamMembership { UserId = user.Id, Team = t }));
            last = await audit.RecordAsync(TeamGrantor.AuditActor, "user.teams-changed", Entity(user),
                new { Added = added, Removed = removed, Teams = access.Teams }, cancellationToken);
        }
        if (role != roleBefore)
        {
            user.Role = role;
            last = await audit.RecordAsync(TeamGrantor.AuditActor, "user.role-changed", Entity(user), new { From = Name(roleBefore), To = Name(role) },
                cancellationToken);
        }
        if (last is not null)
        {
            await notices.ChangedAsync(user, added, removed, roleBefore, Grantor, last.Seq.ToString(CultureInfo.InvariantCulture), cancellationToken);
        }
    }

    private ProviderSignInResult Refused(ProviderIdentity identity, ProviderSignInRefusal refusal)
    {
        logger.LogInformation("Single sign-on refused {Subject} ({Email}) of {Issuer}: {Refusal}", identity.Subject, identity.Email, identity.Issuer, refusal);
        return new ProviderSignInResult(null, refusal);
    }

    private static string NameOf(ProviderIdentity identity, string email)
    {
        var name = new string([.. (identity.Name ?? "").Where(c => !char.IsControl(c))]).Trim();
        return string.IsNullOrEmpty(name) ? email.Split('@')[0] : name.Length > 200 ? name[..200] : name;
    }

    private static string Entity(User user) => $"user:{user.Id}";

    private static string Name(UserRole role) => role.ToString().ToLowerInvariant();
}
