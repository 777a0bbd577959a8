using SecComms.Core.Errors;

namespace SecComms.Core.Identity;

/// <summary>
/// Who may give a new person which teams. Teams decide what a person reads and approves, the security team above all
/// (it sees every confidential communication), so an administrator grants only the teams they are in themselves.
/// </summary>
public static class TeamGrants
{
    public static void Require(TeamGrantor grantor, IEnumerable<string> teams)
    {
        switch (grantor)
        {
            case TeamGrantor.InstallationOperator:
                return;
            case TeamGrantor.Person { Actor.IsAdmin: false }:
                throw new ForbiddenException("Only administrators add people.");
            case TeamGrantor.Person { Actor: var actor }:
                var notTheirs = teams.Where(t => !actor.IsInTeam(t)).Distinct().Order(StringComparer.Ordinal).ToList();
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
}
