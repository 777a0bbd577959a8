using Microsoft.EntityFrameworkCore;
using SecComms.Core.Data;
using SecComms.Core.Identity;
using SecComms.Core.Policy;

namespace SecComms.Core.Workflow;

/// <summary>Which teams still have someone who may approve for them: a member who is active and not a viewer.</summary>
public sealed class TeamStaffing(SecCommsDb db)
{
    /// <summary>Those of <paramref name="teams"/> in which no one may approve any more, not counting <paramref name="except"/>.</summary>
    public async Task<IReadOnlySet<string>> UnstaffedAsync(IEnumerable<string> teams, CancellationToken cancellationToken, Guid? except = null)
    {
        var asked = teams.Distinct(StringComparer.Ordinal).ToList();
        if (asked.Count == 0)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }
        var members = db.TeamMemberships.AsNoTracking().Where(m => asked.Contains(m.Team));
        if (except is { } left)
        {
            members = members.Where(m => m.UserId != left);
        }
        var staffed = await members.Join(db.Users.Where(u => !u.Disabled && u.Role != UserRole.Viewer), m => m.UserId, u => u.Id, (m, _) => m.Team)
            .Distinct().ToListAsync(cancellationToken);
        return asked.Except(staffed, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Whether the backups of the waiting stage are engaged because its own team has no one left who may approve.</summary>
    /// <remarks>Asks the database only for a stage that has backup teams.</remarks>
    public async Task<bool> LeftWithoutApproverAsync(ApprovalStage stage, CancellationToken cancellationToken) =>
        stage.Backup.Count > 0 && (await UnstaffedAsync([stage.Team], cancellationToken)).Count > 0;
}
