using SecComms.Core.Errors;

namespace SecComms.Core.Identity;

/// <summary>
/// Who may give a person which teams. Teams decide what a person reads and approves, the security team above all (it
/// sees every confidential communication), so an administrator grants only the teams they are in themselves.
/// </summary>
/// <remarks>
/// Handing out a way in to an account that holds teams (a password link, a reactivation, a service account's token)
/// gives whoever receives it those teams, so <see cref="People"/> asks the same question for those.
/// </remarks>
public static class TeamGrants
{
    public static void Require(TeamGrantor grantor, IEnumerable<string> teams)
    {
        switch (grantor)
        {
            case TeamGrantor.InstallationOperator or TeamGrantor.Provider:
                return;
            case TeamGrantor.Person { Actor.IsAdmin: false }:
                throw new ForbiddenException("Only administrators add people.");
            case TeamGrantor.Person:
                var notTheirs = NotTheirs(grantor, teams);
                if (notTheirs.Count > 0)
                {
                    throw new ForbiddenException(
                        $"You may grant only teams you are in, and you are not in {string.Join(", ", notTheirs)}."
                        + (notTheirs.Contains(Actor.SecurityTeam) ? $" Only an administrator in team {Actor.SecurityTeam} adds people to it." : ""));
                }
                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(grantor), grantor, "Unknown kind of grantor.");
        }
    }

    /// <summary>The teams of <paramref name="teams"/> that <paramref name="grantor"/> may not grant, in order; none for an operator.</summary>
    public static IReadOnlyList<string> NotTheirs(TeamGrantor grantor, IEnumerable<string> teams) => grantor switch
    {
        TeamGrantor.Person { Actor: var actor } => [.. teams.Where(t => !actor.IsInTeam(t)).Distinct().Order(StringComparer.Ordinal)],
        _ => [],
    };
}
