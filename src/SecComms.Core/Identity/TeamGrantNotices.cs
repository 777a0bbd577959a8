using Microsoft.EntityFrameworkCore;
using SecComms.Core.Data;
using SecComms.Core.Notifications;

namespace SecComms.Core.Identity;

/// <summary>
/// Tells the security team of everyone given teams, whose teams or role change, or who is given their teams back on
/// reactivation, so that a grant nobody expected is noticed. Call inside the write scope of the change.
/// </summary>
/// <remarks>The grantor, if in the security team, is told too: a misused account is then noticed by its owner.</remarks>
public sealed class TeamGrantNotices(SecCommsDb db, Outbox outbox)
{
    private const string Why = $"You receive this because you are a member of team {Actor.SecurityTeam}, which is told of everyone given a team.";

    public async Task AddedAsync(User added, TeamGrantor grantor, CancellationToken cancellationToken)
    {
        if (added.Teams.Count == 0)
        {
            return;
        }
        var teams = Teams(added);
        var who = added.IsServiceAccount ? $"the service account {added.Name}" : added.Name;
        await TellAsync(added, $"user-added:{added.Id}", $"{added.Email} was added to {teams}", $"""
            {grantor.Description} added {who} ({added.Email}) as {Role(added.Role)} with teams {teams}.

            {Why}

            """, cancellationToken);
    }

    /// <summary>Tells of a change of teams or role; <paramref name="change"/> is unique to this change, such as its audit sequence number.</summary>
    public async Task ChangedAsync(User person, IReadOnlyCollection<string> added, IReadOnlyCollection<string> removed, UserRole? roleBefore,
        TeamGrantor grantor, string change, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        if (added.Count > 0)
        {
            lines.Add($"Added to: {string.Join(", ", added)}.");
        }
        if (removed.Count > 0)
        {
            lines.Add($"Removed from: {string.Join(", ", removed)}.");
        }
        if (roleBefore is { } before && before != person.Role)
        {
            lines.Add($"Role: {Role(before)} → {Role(person.Role)}.");
        }
        if (lines.Count == 0)
        {
            return;
        }
        var teams = person.Teams.Count == 0 ? "no teams" : $"teams {Teams(person)}";
        await TellAsync(person, $"user-changed:{person.Id}:{change}", $"{person.Email} now has {teams}", $"""
            {grantor.Description} changed the teams or role of {person.Name} ({person.Email}).

            {string.Join("\n", lines)}
            They are now {Role(person.Role)} with {teams}.

            {Why}

            """, cancellationToken);
    }

    /// <summary>Tells of a person given back their access, with the teams they come back to.</summary>
    public async Task ReactivatedAsync(User person, TeamGrantor grantor, string change, CancellationToken cancellationToken)
    {
        if (person.Teams.Count == 0)
        {
            return;
        }
        var teams = Teams(person);
        await TellAsync(person, $"user-reactivated:{person.Id}:{change}", $"{person.Email} was reactivated with {teams}", $"""
            {grantor.Description} reactivated {person.Name} ({person.Email}) as {Role(person.Role)} with teams {teams}.

            {Why}

            """, cancellationToken);
    }

    private async Task TellAsync(User about, string key, string subject, string body, CancellationToken cancellationToken)
    {
        var securityTeam = await db.Users.AsNoTracking()
            .Where(u => !u.Disabled && u.Id != about.Id && u.Teams.Any(t => t.Team == Actor.SecurityTeam))
            .OrderBy(u => u.Email)
            .ToListAsync(cancellationToken);
        foreach (var member in securityTeam)
        {
            await outbox.EnqueueAsync($"{key}:{member.Id}", member.Email, subject, body, cancellationToken);
        }
    }

    private static string Teams(User user) => string.Join(", ", user.Teams.Select(t => t.Team));

    private static string Role(UserRole role) => role.ToString().ToLowerInvariant();
}
