using Microsoft.EntityFrameworkCore;
using SecComms.Core.Data;
using SecComms.Core.Notifications;

namespace SecComms.Core.Identity;

/// <summary>
/// Tells the security team of everyone given teams, so that a grant nobody expected is noticed. Call inside the write
/// scope that adds the person.
/// </summary>
/// <remarks>The grantor, if in the security team, is told too: a misused account is then noticed by its owner.</remarks>
public sealed class TeamGrantNotices(SecCommsDb db, Outbox outbox)
{
    public async Task AddedAsync(User added, TeamGrantor grantor, CancellationToken cancellationToken)
    {
        if (added.Teams.Count == 0)
        {
            return;
        }
        var teams = string.Join(", ", added.Teams.Select(t => t.Team));
        var role = added.Role.ToString().ToLowerInvariant();
        var subject = $"{added.Email} was added to {teams}";
        var body = $"""
            {grantor.Description} added {added.Name} ({added.Email}) as {role} with teams {teams}.

            You receive this because you are a member of team {Actor.SecurityTeam}, which is told of everyone given a team.

            """;
        var securityTeam = await db.Users.AsNoTracking()
            .Where(u => !u.Disabled && u.Id != added.Id && u.Teams.Any(t => t.Team == Actor.SecurityTeam))
            .OrderBy(u => u.Email)
            .ToListAsync(cancellationToken);
        foreach (var member in securityTeam)
        {
            await outbox.EnqueueAsync($"user-added:{added.Id}:{member.Id}", member.Email, subject, body, cancellationToken);
        }
    }
}
