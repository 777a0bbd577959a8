using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SecComms.Core.Audit;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Core.Identity.SingleSignOn;
using SecComms.Core.Incidents;
using SecComms.Core.Policy;
using SecComms.Core.Workflow;

namespace SecComms.Core.Identity;

/// <summary>
/// Administrators manage people here: add or invite them, change their teams and role, deactivate and reactivate them,
/// reset their password with a one-time link, and run service accounts and their tokens. Every change is audited, and
/// the security team is told of every change of teams (<see cref="TeamGrantNotices"/>).
/// </summary>
/// <remarks>
/// Teams are given only by administrators in them (<see cref="TeamGrants"/>). A password link, a reactivation or a
/// service account's token gives whoever receives it the account's teams, so those too need an administrator in every
/// one of its teams. Taking access away (deactivating, removing a team, revoking a token) needs only an administrator.
/// The last administrator who can sign in is never deactivated or demoted, and no one deactivates themselves.
/// </remarks>
public sealed class People(
    SecCommsDb db,
    WriteScope writes,
    AuditTrail audit,
    UserDirectory directory,
    TeamGrantNotices notices,
    PasswordLinks links,
    AccessTokens tokens,
    CommunicationService communications,
    TeamStaffing staffing,
    SecCommsPolicy policy,
    IOptions<SingleSignOnOptions> singleSignOn,
    TimeProvider time)
{
    private static readonly CommunicationStatus[] Open =
        [CommunicationStatus.Draft, CommunicationStatus.InReview, CommunicationStatus.Approved, CommunicationStatus.Scheduled];

    public async Task<IReadOnlyList<PersonSummary>> ListAsync(Actor actor, CancellationToken cancellationToken)
    {
        RequireAdministrator(actor);
        var users = await db.Users.AsNoTracking().Include(u => u.Teams).OrderBy(u => u.Email).ToListAsync(cancellationToken);
        return await SummariesAsync(users, cancellationToken);
    }

    public async Task<PersonDetails> GetAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        RequireAdministrator(actor);
        var user = await db.Users.AsNoTracking().Include(u => u.Teams).FirstOrDefaultAsync(u => u.Id == id, cancellationToken) ?? throw NotFound();
        return await DetailsAsync(actor, user, cancellationToken);
    }

    /// <summary>Adds a person without a password and, unless told not to, emails them a link to choose one.</summary>
    public async Task<PersonAdded> AddAsync(Actor actor, NewPerson request, CancellationToken cancellationToken)
    {
        RequireAdministrator(actor);
        var localPasswords = singleSignOn.Value.LocalPasswords;
        if (request.Invite == true && !localPasswords)
        {
            throw new ConflictException(PasswordsOff);
        }
        var (user, issued) = await writes.RunAsync(async () =>
        {
            var user = await directory.AddAsync(new NewUser(request.Email, request.Name, request.Teams ?? [], request.Role ?? UserRole.Member, null),
                new TeamGrantor.Person(actor), cancellationToken);
            var link = (request.Invite ?? localPasswords) ? await links.IssueAsync(user, PasswordLinkPurpose.Invitation, actor, cancellationToken) : default;
            return (user, link);
        }, cancellationToken);
        var sent = issued.Link is null ? null : await links.SendAsync(user, issued.Link, issued.Token, actor, cancellationToken);
        return new PersonAdded(await GetAsync(actor, user.Id, cancellationToken), sent);
    }

    public async Task<PersonDetails> AddServiceAccountAsync(Actor actor, NewServiceAccount request, CancellationToken cancellationToken)
    {
        RequireAdministrator(actor);
        var account = await directory.AddAsync(
            new NewUser(request.Email, request.Name, request.Teams ?? [], request.Role ?? UserRole.Member, null, UserKind.ServiceAccount),
            new TeamGrantor.Person(actor), cancellationToken);
        return await GetAsync(actor, account.Id, cancellationToken);
    }

    /// <summary>Sets a person's teams (the whole list), role, or both. Added teams must be the administrator's own.</summary>
    public async Task<PersonDetails> ChangeAsync(Actor actor, Guid id, PersonChange change, CancellationToken cancellationToken)
    {
        RequireAdministrator(actor);
        var unknown = (change.Teams ?? []).Where(t => t is null || !policy.Teams.ContainsKey(t)).Select(t => $"'{t}'").ToList();
        new Validation()
            .Require(change.Teams is not null || change.Role is not null, "teams", "Send teams, role or both.")
            .Require(unknown.Count == 0, "teams", $"Unknown team(s): {string.Join(", ", unknown)}. Teams are: {string.Join(", ", policy.Teams.Keys)}.")
            .ThrowIfInvalid();
        await writes.RunAsync(async () =>
        {
            var user = await FindTrackedAsync(id, cancellationToken);
            var grantor = new TeamGrantor.Person(actor);
            var before = user.Teams.Select(t => t.Team).ToList();
            var after = change.Teams?.Distinct().ToList() ?? before;
            var added = after.Except(before).ToList();
            var removed = before.Except(after).ToList();
            var roleBefore = user.Role;
            var role = change.Role ?? roleBefore;
            if (user.ManagedByProvider && (added.Count > 0 || removed.Count > 0 || role != roleBefore))
            {
                throw new ConflictException(ManagedRefusal(user));
            }
            TeamGrants.Require(grantor, added);
            if (roleBefore == UserRole.Admin && role != UserRole.Admin && await IsLastAdministratorAsync(user, cancellationToken))
            {
                throw new ConflictException($"{user.Name} is the last administrator: make someone else an administrator first.");
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
                last = await audit.RecordAsync(actor.Email, "user.teams-changed", Entity(user), new { Added = added, Removed = removed, Teams = after },
                    cancellationToken);
            }
            if (role != roleBefore)
            {
                user.Role = role;
                last = await audit.RecordAsync(actor.Email, "user.role-changed", Entity(user), new { From = Name(roleBefore), To = Name(role) }, cancellationToken);
            }
            if (last is not null)
            {
                await notices.ChangedAsync(user, added, removed, roleBefore, grantor, last.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    cancellationToken);
            }
        }, cancellationToken);
        return await GetAsync(actor, id, cancellationToken);
    }

    /// <summary>
    /// Ends the person's access at once: their sessions end, their tokens are revoked and any password link is withdrawn.
    /// Their history stays. The answer lists what they hold, for someone to take over.
    /// </summary>
    public async Task<PersonDetails> DeactivateAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        RequireAdministrator(actor);
        await writes.RunAsync(async () =>
        {
            var user = await FindTrackedAsync(id, cancellationToken);
            if (user.Disabled)
            {
                return;
            }
            if (await DeactivationRefusalAsync(actor, user, cancellationToken) is { } refusal)
            {
                throw new ConflictException(refusal);
            }
            user.Deactivate(time.GetUtcNow());
            var revoked = await tokens.RevokeAllOfAsync(user.Id, cancellationToken);
            var withdrawn = await links.WithdrawAsync(user, cancellationToken);
            await audit.RecordAsync(actor.Email, "user.deactivated", Entity(user), new { TokensRevoked = revoked, LinksWithdrawn = withdrawn }, cancellationToken);
        }, cancellationToken);
        return await GetAsync(actor, id, cancellationToken);
    }

    /// <summary>Lets a deactivated person sign in again with their password; their revoked tokens stay revoked.</summary>
    public async Task<PersonDetails> ReactivateAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        RequireAdministrator(actor);
        await writes.RunAsync(async () =>
        {
            var user = await FindTrackedAsync(id, cancellationToken);
            if (!user.Disabled)
            {
                return;
            }
            RequireMayHandOut(actor, user, "Reactivating");
            user.Reactivate();
            var recorded = await audit.RecordAsync(actor.Email, "user.reactivated", Entity(user), new { Teams = user.Teams.Select(t => t.Team) }, cancellationToken);
            await notices.ReactivatedAsync(user, new TeamGrantor.Person(actor), recorded.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture),
                cancellationToken);
        }, cancellationToken);
        return await GetAsync(actor, id, cancellationToken);
    }

    /// <summary>Makes a one-time link for the person to choose a new password and emails it; their current password works until they do.</summary>
    public async Task<PasswordReset> ResetPasswordAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        RequireAdministrator(actor);
        var (user, issued) = await writes.RunAsync(async () =>
        {
            var user = await FindTrackedAsync(id, cancellationToken);
            if (user.IsServiceAccount)
            {
                throw ValidationException.For("kind", "A service account has no password: issue it a token instead.");
            }
            if (user.Disabled)
            {
                throw new ConflictException($"{user.Name} is deactivated: reactivate them first.");
            }
            if (PasswordRefusal(user) is { } refusal)
            {
                throw new ConflictException(refusal);
            }
            RequireMayHandOut(actor, user, "Resetting the password of");
            return (user, await links.IssueAsync(user, PasswordLinkPurpose.Reset, actor, cancellationToken));
        }, cancellationToken);
        var sent = await links.SendAsync(user, issued.Link, issued.Token, actor, cancellationToken);
        return new PasswordReset(await GetAsync(actor, id, cancellationToken), sent);
    }

    /// <summary>Issues a token of a service account's; its secret is in this answer only.</summary>
    public async Task<IssuedToken> IssueTokenAsync(Actor actor, Guid id, string? name, int? lifetimeDays, CancellationToken cancellationToken)
    {
        RequireAdministrator(actor);
        return await writes.RunAsync(async () =>
        {
            var account = await FindTrackedAsync(id, cancellationToken);
            if (!account.IsServiceAccount)
            {
                throw ValidationException.For("kind", "A person's tokens are their own: they make them on their Tokens page. Administrators issue tokens of service accounts.");
            }
            if (account.Disabled)
            {
                throw new ConflictException($"{account.Name} is deactivated: reactivate it first.");
            }
            RequireMayHandOut(actor, account, "Issuing a token of");
            return await tokens.IssueForAsync(account, actor, name, lifetimeDays, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Revokes one of a person's or service account's tokens at once.</summary>
    public async Task<IssuedToken> RevokeTokenAsync(Actor actor, Guid id, Guid tokenId, CancellationToken cancellationToken)
    {
        RequireAdministrator(actor);
        return await writes.RunAsync(async () =>
        {
            var user = await FindTrackedAsync(id, cancellationToken);
            return await tokens.RevokeOfAsync(user.Id, tokenId, actor.Email, $"{user.Name} has no token {tokenId}.", cancellationToken);
        }, cancellationToken);
    }

    private const string PasswordsOff = "Password sign-in is turned off (SingleSignOn:LocalPasswords): people sign in through the single sign-on provider, so no password link is made.";

    private string ManagedRefusal(User user) =>
        $"{user.Name}'s teams and role come from the single sign-on provider ({singleSignOn.Value.DisplayName}), from their groups there: change their groups at the provider; they take effect at their next sign-in.";

    private string? PasswordRefusal(User user) =>
        !singleSignOn.Value.LocalPasswords ? PasswordsOff
        : user.ManagedByProvider ? $"{user.Name} signs in through the single sign-on provider ({singleSignOn.Value.DisplayName}), not with a password."
        : null;

    private static void RequireAdministrator(Actor actor)
    {
        if (!actor.IsAdmin)
        {
            throw new ForbiddenException("Only administrators manage people.");
        }
    }

    /// <remarks>A way in to an account gives its teams to whoever receives it, so it is refused as giving those teams would be.</remarks>
    private static void RequireMayHandOut(Actor actor, User user, string doing)
    {
        if (HandOutRefusal(actor, user, doing) is { } refusal)
        {
            throw new ForbiddenException(refusal);
        }
    }

    private static string? HandOutRefusal(Actor actor, User user, string doing)
    {
        var notTheirs = TeamGrants.NotTheirs(new TeamGrantor.Person(actor), user.Teams.Select(t => t.Team));
        return notTheirs.Count == 0 ? null
            : $"{doing} {user.Name} gives whoever receives it their teams, and you are not in {string.Join(", ", notTheirs)}: "
              + "only an administrator in every one of their teams may.";
    }

    private async Task<string?> DeactivationRefusalAsync(Actor actor, User user, CancellationToken cancellationToken) =>
        user.Id == actor.UserId ? "You cannot deactivate yourself: ask another administrator."
        : await IsLastAdministratorAsync(user, cancellationToken) ? $"{user.Name} is the last administrator: make someone else an administrator first."
        : null;

    private async Task<bool> IsLastAdministratorAsync(User user, CancellationToken cancellationToken) =>
        UserDirectory.IsActiveAdministrator(user)
        && !await db.Users.Where(UserDirectory.ActiveAdministrator).AnyAsync(u => u.Id != user.Id, cancellationToken);

    private async Task<User> FindTrackedAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Users.Include(u => u.Teams).FirstOrDefaultAsync(u => u.Id == id, cancellationToken) ?? throw NotFound();

    private static NotFoundException NotFound() => new("No such person.");

    private static string Entity(User user) => $"user:{user.Id}";

    private static string Name(UserRole role) => role.ToString().ToLowerInvariant();

    private async Task<PersonDetails> DetailsAsync(Actor actor, User user, CancellationToken cancellationToken)
    {
        var summary = (await SummariesAsync([user], cancellationToken))[0];
        var tokenList = await tokens.ListOfAsync(user.Id, cancellationToken);
        var allowed = new List<PersonAction>();
        var refused = new List<RefusedAction>();
        void Decide(PersonAction action, string? refusal)
        {
            if (refusal is null)
            {
                allowed.Add(action);
            }
            else
            {
                refused.Add(new RefusedAction(action, refusal));
            }
        }
        Decide(PersonAction.Change, user.ManagedByProvider ? ManagedRefusal(user) : null);
        if (user.Disabled)
        {
            Decide(PersonAction.Reactivate, HandOutRefusal(actor, user, "Reactivating"));
        }
        else
        {
            Decide(PersonAction.Deactivate, await DeactivationRefusalAsync(actor, user, cancellationToken));
            Decide(user.IsServiceAccount ? PersonAction.IssueToken : PersonAction.ResetPassword,
                user.IsServiceAccount ? HandOutRefusal(actor, user, "Issuing a token of")
                    : PasswordRefusal(user) ?? HandOutRefusal(actor, user, "Resetting the password of"));
        }
        if (tokenList.Any(t => t.RevokedAt is null && t.ExpiresAt > time.GetUtcNow()))
        {
            allowed.Add(PersonAction.RevokeToken);
        }
        return new PersonDetails(summary, allowed, refused, await HoldingsAsync(actor, user, cancellationToken), tokenList);
    }

    private async Task<IReadOnlyList<PersonSummary>> SummariesAsync(IReadOnlyList<User> users, CancellationToken cancellationToken)
    {
        var ids = users.Select(u => u.Id).ToList();
        var now = time.GetUtcNow();
        var tokenUse = (await db.AccessTokens.AsNoTracking().Where(t => ids.Contains(t.UserId) && t.LastUsedAt != null)
                .Select(t => new { t.UserId, t.LastUsedAt }).ToListAsync(cancellationToken))
            .GroupBy(t => t.UserId).ToDictionary(g => g.Key, g => g.Max(t => t.LastUsedAt));
        var pending = (await db.PasswordLinks.AsNoTracking().Where(l => ids.Contains(l.UserId) && l.UsedAt == null)
                .Select(l => new { l.UserId, l.ExpiresAt }).ToListAsync(cancellationToken))
            .Where(l => l.ExpiresAt > now).GroupBy(l => l.UserId).ToDictionary(g => g.Key, g => g.Max(l => l.ExpiresAt));
        return [.. users.Select(u => new PersonSummary(
            u.Id,
            u.Email,
            u.Name,
            u.Kind,
            u.Role,
            [.. u.Teams.Select(t => t.Team).Order(StringComparer.Ordinal)],
            u.Disabled ? PersonStatus.Deactivated : PersonStatus.Active,
            u.PasswordHash is not null,
            u.ManagedByProvider,
            u.CreatedAt,
            u.DisabledAt,
            u.LastSignInAt,
            tokenUse.GetValueOrDefault(u.Id),
            pending.TryGetValue(u.Id, out var until) ? until : null))];
    }

    /// <remarks>Lists only what <paramref name="actor"/> may see: incidents for the security team, communications by their visibility rule.</remarks>
    private async Task<PersonHoldings> HoldingsAsync(Actor actor, User user, CancellationToken cancellationToken)
    {
        var id = user.Id;
        List<HeldIncidentRole> roles = [];
        if (actor.IsInTeam(Actor.SecurityTeam))
        {
            var incidents = await db.Incidents.AsNoTracking()
                .Where(i => i.Status != IncidentStatus.Resolved && i.Status != IncidentStatus.PostIncidentReview
                    && (i.EngineerId == id || i.IncidentManagerId == id || i.CommunicationsManagerId == id))
                .OrderBy(i => i.Number).ToListAsync(cancellationToken);
            foreach (var incident in incidents)
            {
                foreach (var (role, holder) in new[]
                {
                    ("engineer", incident.EngineerId), ("incident-manager", incident.IncidentManagerId), ("communications-manager", incident.CommunicationsManagerId),
                })
                {
                    if (holder == id)
                    {
                        roles.Add(new HeldIncidentRole(incident.Id, incident.Reference, incident.Title, role));
                    }
                }
            }
        }

        var participating = await communications.VisibleTo(actor)
            .Where(c => Open.Contains(c.Status) && c.Participants.Any(p => p.UserId == id))
            .OrderBy(c => c.Number).ToListAsync(cancellationToken);

        var alone = await staffing.UnstaffedAsync(user.Teams.Select(t => t.Team), cancellationToken, except: id);
        List<HeldStage> stages = [];
        if (alone.Count > 0 && user.Role != UserRole.Viewer)
        {
            var inReview = await communications.VisibleTo(actor).Where(c => c.Status == CommunicationStatus.InReview).OrderBy(c => c.Number)
                .ToListAsync(cancellationToken);
            var waiting = await communications.WaitingStagesAsync(inReview, cancellationToken);
            stages = [.. inReview.Where(c => waiting.TryGetValue(c.Id, out var w) && alone.Contains(w.Stage.Stage.Team))
                .Select(c => new HeldStage(c.Id, c.Reference, c.Title, waiting[c.Id].Stage.Stage.Team, waiting[c.Id].Stage.Stage.Backup))];
        }

        return new PersonHoldings(roles, stages, [.. participating.Select(c => new HeldCommunication(c.Id, c.Reference, c.Title, c.Status))]);
    }
}
